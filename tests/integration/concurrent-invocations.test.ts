// Lambda's multi-concurrency mode (AWS_LAMBDA_MAX_CONCURRENCY set): one process runs several
// invocations at once, and Powertools keeps each one's logger keys in the runtime's InvokeStore.
// The bundle reads that mode once (src/lib/invoke-store-mode.ts) instead of on every access; this
// runs the shipped bundle the way the runtime does, with two invocations overlapping, and checks
// that every line carries its own request's correlation id, and that one process-wide set of keys
// (AWS_LAMBDA_MAX_CONCURRENCY unset) is what makes them mix, so the check can fail.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { projectRoot } from '../../scripts/lib/sls.ts'
import { buildEvent } from '../fixtures/events.ts'
import { buildHandlerSource } from '../helpers/bundle.ts'

const execFileAsync = promisify(execFile)
const workDir = path.join(projectRoot, '.esbuild', `test-concurrent-${randomUUID().slice(0, 8)}`)
const bundle = path.join(workDir, 'slow.cjs')
const runner = path.join(workDir, 'run.mjs')

// An endpoint whose business function logs after a wait, so the second request starts and sets
// its correlation id while the first is still running.
const HANDLER_SOURCE = `
import { createHttpHandler } from '#http'
export const handler = createHttpHandler({
  auth: 'public',
  handler: async ({ body, logger }) => {
    await new Promise((resolve) => setTimeout(resolve, body.waitMs))
    logger.info('business line')
    return { ok: true }
  },
})
`

// What the runtime does: an InvokeStore first, then the handler, each invocation inside run().
const RUNNER_SOURCE = `
import { createRequire } from 'node:module'
const require = createRequire(${JSON.stringify(path.join(projectRoot, 'package.json'))})
const { InvokeStore, InvokeStoreBase } = require('@aws/lambda-invoke-store')
const store = await InvokeStore.getInstanceAsync()
const { handler } = require(${JSON.stringify(bundle)})
const [slow, fast] = JSON.parse(process.argv[2])
const invoke = ({ event, context }) =>
  store.run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: context.awsRequestId }, () =>
    handler(event, { ...context, getRemainingTimeInMillis: () => 29000 }),
  )
const results = await Promise.all([invoke(slow), invoke(fast)])
if (results.some((r) => r.statusCode !== 200)) throw new Error(JSON.stringify(results))
`

const request = (requestId: string, waitMs: number) => ({
  event: buildEvent({
    body: JSON.stringify({ waitMs }),
    contentType: 'application/json',
    requestId,
  }),
  context: { awsRequestId: `aws-${requestId}`, functionName: 'concurrent' },
})

/** The log lines of two overlapping invocations, by message and correlation id. */
const runOverlapping = async (env: Record<string, string>) => {
  const { stdout } = await execFileAsync(
    process.execPath,
    [runner, JSON.stringify([request('slow-1', 50), request('fast-2', 0)])],
    { env: { PATH: process.env.PATH ?? '', POWERTOOLS_LOG_LEVEL: 'INFO', ...env } },
  )
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { message: string; correlation_id?: string })
    .map(({ message, correlation_id }) => `${message} ${correlation_id}`)
    .sort()
}

describe('overlapping invocations in one process', () => {
  before(async () => {
    mkdirSync(workDir, { recursive: true })
    await buildHandlerSource(HANDLER_SOURCE, bundle)
    writeFileSync(runner, RUNNER_SOURCE)
  })
  after(() => rmSync(workDir, { recursive: true, force: true }))

  it('keeps each request its own correlation id in multi-concurrency mode', async () => {
    assert.deepEqual(await runOverlapping({ AWS_LAMBDA_MAX_CONCURRENCY: '4' }), [
      'business line fast-2',
      'business line slow-1',
      'request completed fast-2',
      'request completed slow-1',
    ])
  })

  it('mixes them when the runtime runs one invocation at a time (the check can fail)', async () => {
    const lines = await runOverlapping({})
    assert.ok(lines.includes('business line fast-2'), lines.join('\n'))
    assert.ok(!lines.includes('business line slow-1'), lines.join('\n'))
  })
})
