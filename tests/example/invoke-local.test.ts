// `serverless invoke local` with the checked-in API Gateway v2 events: the documented way to try
// the handler without a server. It bundles with the deploy options and loads the .cjs bundle in
// the CLI process, so it also proves the bundle loads and answers.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { describeRun, runSls, type SlsRun } from '../../scripts/lib/sls.ts'
import { paramArgs } from '../helpers/deploy-params.ts'

interface LambdaResult {
  statusCode: number
  headers?: Record<string, string>
  body?: string
}

const EVENTS = ['form-base64', 'json', 'json-malformed', 'no-content-type'] as const
type EventName = (typeof EVENTS)[number]

const runs = new Map<EventName, SlsRun>()
// `npm run invoke` (stage local) with credentials in headers and cookies.
let localRun: SlsRun | undefined

/**
 * The CLI prints the handler's log lines (one JSON object per line) and then the result,
 * pretty-printed: the result starts at the last line that is exactly "{".
 */
function result(name: EventName): LambdaResult {
  const run = runs.get(name)
  assert.ok(run, `no run for ${name}`)
  assert.equal(run.code, 0, describeRun(run))
  const lines = run.stdout.split('\n')
  const start = lines.lastIndexOf('{')
  assert.ok(start >= 0, `no result printed\n${describeRun(run)}`)
  return JSON.parse(lines.slice(start).join('\n')) as LambdaResult
}

function header(res: LambdaResult, name: string): string | undefined {
  const entry = Object.entries(res.headers ?? {}).find(([key]) => key.toLowerCase() === name)
  return entry?.[1]
}

function assertProblem(res: LambdaResult, status: number): void {
  assert.equal(res.statusCode, status)
  assert.match(header(res, 'content-type') ?? '', /^application\/problem\+json/)
  const problem = JSON.parse(res.body ?? '') as Record<string, unknown>
  assert.equal(problem.status, status)
  for (const key of ['type', 'title', 'detail', 'requestId']) {
    assert.equal(typeof problem[key], 'string', `problem.${key}`)
  }
}

// Each run takes about 4 s, mostly CLI start-up and bundling; side by side they take about as
// long as one or two.
before(
  async () => {
    const local = runSls(
      [
        'invoke',
        'local',
        '-f',
        'example',
        '--stage',
        'local',
        '--path',
        'events/json-with-secrets.json',
      ],
      { label: 'invoke-local-stage', timeoutMs: 90_000 },
    )
    await Promise.all(
      EVENTS.map(async (name) => {
        const run = await runSls(
          ['invoke', 'local', '-f', 'example', '--path', `events/${name}.json`, ...paramArgs()],
          {
            label: `invoke-${name}`,
            timeoutMs: 90_000,
          },
        )
        runs.set(name, run)
      }),
    )
    localRun = await local
  },
  { timeout: 120_000 },
)

describe('serverless invoke local with checked-in events', () => {
  it('answers the base64-encoded form event (as AWS sends forms) with 200 {"message":"ok"}', () => {
    const res = result('form-base64')
    assert.equal(res.statusCode, 200)
    assert.deepEqual(JSON.parse(res.body ?? ''), { message: 'ok' })
    assert.equal(header(res, 'x-custom-header'), 'my custom header value')
  })

  it('answers the JSON event with 200 {"message":"ok"}', () => {
    const res = result('json')
    assert.equal(res.statusCode, 200)
    assert.deepEqual(JSON.parse(res.body ?? ''), { message: 'ok' })
    assert.equal(header(res, 'x-custom-header'), 'my custom header value')
  })

  it('rejects malformed JSON with a 400 problem', () => {
    const res = result('json-malformed')
    assertProblem(res, 400)
    assert.equal(JSON.parse(res.body ?? '').requestId, 'Zf4dWhK0FiAEPkA=')
  })

  it('rejects a body without content type with a 415 problem listing Accept-Post', () => {
    const res = result('no-content-type')
    assertProblem(res, 415)
    assert.match(header(res, 'accept-post') ?? '', /application\/json/)
  })
})

describe('serverless invoke local --stage local (npm run invoke)', () => {
  it('logs the whole event at DEBUG with credentials redacted, then the INFO summary', () => {
    assert.ok(localRun)
    assert.equal(localRun.code, 0, describeRun(localRun))
    const lines = localRun.stdout
      .split('\n')
      .filter((line) => line.startsWith('{"level"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    assert.deepEqual(
      lines.map((l) => [l.level, l.message]),
      [
        ['DEBUG', 'Lambda invocation event'],
        ['INFO', 'request completed'],
      ],
    )
    const event = lines[0]?.event as { headers: Record<string, string>; body: string }
    assert.equal(event.headers.authorization, '[REDACTED]')
    assert.equal(event.headers.cookie, '[REDACTED]')
    assert.equal(event.body, '{"Message": "Test123"}')
    assert.doesNotMatch(`${localRun.stdout}${localRun.stderr}`, /SECRET-/)
  })
})
