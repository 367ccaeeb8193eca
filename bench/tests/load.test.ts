// A small load run inside `npm test` (the full one is `npm run test:load`): real concurrent HTTP
// through serverless-offline, every response and every request-summary log line accounted for.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { readServerlessConfig } from '../../scripts/lib/serverless-config.ts'
import { KINDS, kindOf, runLoad } from '../lib/load.ts'

const REQUESTS = 600
// 30, not the full run's 50: each new connection makes offline start a worker that loads the bundle,
// and on 2 cores shared with another test file that start-up alone can approach the time budget.
const CONNECTIONS = 30
const OVERSIZED = 3
// The load mix is /example's requests; a fork that replaced it has its own.
const skip = readServerlessConfig().functions.some((fn) =>
  fn.routes.some((route) => route.routeKey === 'POST /example'),
)
  ? false
  : 'serverless.yml has no POST /example'

describe('load through serverless offline', () => {
  it('spreads the mix deterministically, oversized requests included', () => {
    const kinds = Array.from({ length: REQUESTS }, (_, n) => kindOf(n, REQUESTS, OVERSIZED))
    assert.equal(kinds.filter((kind) => kind === 'oversized').length, OVERSIZED)
    for (const kind of KINDS) assert.ok(kinds.includes(kind), kind)
  })

  it(`answers ${REQUESTS} mixed requests at concurrency ${CONNECTIONS}: right statuses, one summary line each`, {
    timeout: 60_000,
    skip,
  }, async (t) => {
    const report = await runLoad({
      requests: REQUESTS,
      connections: CONNECTIONS,
      oversized: OVERSIZED,
      overallTimeoutMs: 25_000,
    })
    // The figures of the run, in the test report.
    t.diagnostic(JSON.stringify({ load: report }))
    assert.deepEqual(report.problems, [])
    assert.equal(report.requests, REQUESTS)
    assert.equal(report.errors, 0)
    assert.equal(report.timeouts, 0)
    assert.equal(report.summaryLines, REQUESTS + report.warmup)
    assert.ok(
      Object.keys(report.statuses).every((code) => Number(code) < 500),
      'no 5xx',
    )
    assert.equal(report.kinds.oversized, OVERSIZED)
  })
})
