// Real HTTP against `serverless offline` (what `npm start` serves), on free ports. Offline differs
// from AWS (forms arrive as plain text, no stage variables, fixed request ids), so the base64 form
// path AWS really uses is exercised through the Lambda invoke endpoint with a checked-in event.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type OfflineServer, startOffline } from '../../scripts/lib/offline.ts'
import { projectRoot } from '../../scripts/lib/sls.ts'

const BODY_LIMIT_BYTES = 1024 * 1024
const REQUEST_TIMEOUT_MS = 10_000

let server: OfflineServer | undefined

function offline(): OfflineServer {
  assert.ok(server, 'serverless offline did not start')
  return server
}

async function post(body: string, contentType: string): Promise<Response> {
  return fetch(`${offline().httpUrl}/example`, {
    method: 'POST',
    // Always explicit, as `curl -d` sends it: fetch would otherwise label a string text/plain.
    headers: { 'content-type': contentType },
    body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
}

async function assertOk(res: Response): Promise<void> {
  assert.equal(res.status, 200)
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/)
  assert.equal(res.headers.get('x-custom-header'), 'my custom header value')
  assert.deepEqual(await res.json(), { message: 'ok' })
}

async function assertProblem(res: Response, status: number): Promise<Record<string, unknown>> {
  assert.equal(res.status, status)
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/)
  const problem = (await res.json()) as Record<string, unknown>
  assert.equal(problem.status, status)
  for (const key of ['type', 'title', 'detail', 'requestId']) {
    assert.equal(typeof problem[key], 'string', `problem.${key}`)
  }
  return problem
}

/** A JSON document of exactly `bytes` bytes (ASCII, so characters = bytes). */
function jsonOfSize(bytes: number): string {
  const frame = '{"pad":""}'
  return `{"pad":"${'x'.repeat(bytes - frame.length)}"}`
}

async function invokeLambda(eventFile: string): Promise<{ statusCode: number; body: string }> {
  const event = await readFile(path.join(projectRoot, 'events', eventFile), 'utf8')
  const name = offline().functionName('example')
  const res = await fetch(`${offline().lambdaUrl}/2015-03-31/functions/${name}/invocations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: event,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
  assert.equal(res.status, 200, `invoke endpoint answered ${res.status}`)
  return (await res.json()) as { statusCode: number; body: string }
}

before(
  async () => {
    server = await startOffline({ stage: 'local', readyTimeoutMs: 45_000 })
  },
  { timeout: 60_000 },
)

after(async () => {
  await server?.stop()
})

describe('serverless offline: the README curls for /example', () => {
  it('answers curl -d "param1=value1&param2=value2" with 200 {"message":"ok"}', async () => {
    await assertOk(await post('param1=value1&param2=value2', 'application/x-www-form-urlencoded'))
  })

  it('answers the JSON curl {"Message": "Test123"} with 200 {"message":"ok"}', async () => {
    await assertOk(await post('{"Message": "Test123"}', 'application/json'))
  })
})

describe('serverless offline: errors as problem+json', () => {
  it('rejects malformed JSON with 400', async () => {
    await assertProblem(await post('{"Message": "Test123"', 'application/json'), 400)
  })

  it('rejects an unsupported media type with 415 and an Accept-Post header', async () => {
    // Not text/csv: every text/* type is accepted as a string by the contract.
    const res = await post('<Message>Test123</Message>', 'application/xml')
    await assertProblem(res, 415)
    const acceptPost = res.headers.get('accept-post') ?? ''
    assert.match(acceptPost, /application\/json/)
    assert.match(acceptPost, /application\/x-www-form-urlencoded/)
  })

  it('accepts a body of exactly BODY_LIMIT_BYTES (1 MiB)', async () => {
    await assertOk(await post(jsonOfSize(BODY_LIMIT_BYTES), 'application/json'))
  })

  it('rejects a body one byte over BODY_LIMIT_BYTES with 413', async () => {
    await assertProblem(await post(jsonOfSize(BODY_LIMIT_BYTES + 1), 'application/json'), 413)
  })

  it('serves only POST on /example', async () => {
    const res = await fetch(`${offline().httpUrl}/example`, {
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
    assert.equal(res.status, 404)
    await res.body?.cancel()
  })
})

describe('serverless offline: Lambda invoke endpoint with AWS-shaped events', () => {
  it('answers the base64-encoded form event (how AWS delivers forms) with 200', async () => {
    const result = await invokeLambda('form-base64.json')
    assert.equal(result.statusCode, 200)
    assert.deepEqual(JSON.parse(result.body), { message: 'ok' })
  })

  it('answers a base64 body without content type with 415', async () => {
    const result = await invokeLambda('no-content-type.json')
    assert.equal(result.statusCode, 415)
  })
})
