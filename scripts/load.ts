// `npm run test:load`: the full load run through serverless-offline (see tests/helpers/load.ts).
// Sized by flags or environment; exits 1 when any request, status or log line is off.
import { parseArgs } from 'node:util'
import { runLoad } from './lib/load.ts'

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: process.env.LOAD_REQUESTS ?? '5000' },
    connections: { type: 'string', default: process.env.LOAD_CONNECTIONS ?? '50' },
    oversized: { type: 'string', default: process.env.LOAD_OVERSIZED ?? '10' },
    'timeout-ms': { type: 'string', default: process.env.LOAD_TIMEOUT_MS ?? '120000' },
  },
})

function positive(name: string, text: string): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be an integer ≥ 0`)
  return value
}

const options = {
  requests: positive('requests', values.requests),
  connections: positive('connections', values.connections),
  oversized: positive('oversized', values.oversized),
  overallTimeoutMs: positive('timeout-ms', values['timeout-ms']),
}
console.log(
  `load: ${options.requests} requests, ${options.connections} connections, ` +
    `${options.oversized} oversized, bounded by ${options.overallTimeoutMs} ms`,
)
const report = await runLoad(options)
const { latencyMs } = report
console.log(
  `requests:    ${report.requests} in ${report.durationS} s (after ${report.warmup} warm-up)`,
)
console.log(`kinds:       ${JSON.stringify(report.kinds)}`)
console.log(`statuses:    ${JSON.stringify(report.statuses)}`)
console.log(`errors:      ${report.errors} (timeouts ${report.timeouts})`)
console.log(`log lines:   ${report.summaryLines} 'request completed' (warm-up included)`)
console.log(`throughput:  ${report.reqPerSec} req/s`)
console.log(
  `latency:     p50 ${latencyMs.p50} ms, p99 ${latencyMs.p99} ms, max ${latencyMs.max} ms`,
)
for (const problem of report.problems) console.log(`PROBLEM: ${problem}`)
console.log(JSON.stringify({ load: report }))
process.exitCode = report.problems.length === 0 ? 0 : 1
