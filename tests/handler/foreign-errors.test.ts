// Only errors made by createError say what the client sees. Anything else a business function
// lets through (an HTTP client's error for an upstream's answer, an SDK's error object) carries an
// upstream's status, headers and message: it is a defect, answered 500 with one ERROR line.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createHttpHandler } from '../../src/http/index.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'
import { captureOutput } from '../helpers/output.ts'

// The shape of undici's ResponseError (its `responseError` interceptor throws one for a 4xx/5xx).
class ResponseError extends Error {
  override name = 'ResponseError'
  code = 'UND_ERR_RESPONSE'
  statusCode: number
  headers: Record<string, string>
  constructor(message: string, statusCode: number, headers: Record<string, string>) {
    super(message)
    this.statusCode = statusCode
    this.headers = headers
  }
}

const send = async (thrown: unknown) => {
  const handler = createHttpHandler({
    auth: 'public',
    handler: () => {
      throw thrown
    },
  })
  const { result, lines } = await captureOutput(() => handler(buildEvent(), createContext()))
  const problems = lines.filter(({ level }) => level === 'WARN' || level === 'ERROR')
  return { result, problems, text: JSON.stringify(result) }
}

describe('a thrown value not made by createError', () => {
  it("is a 500 without the upstream's status, headers or message (an HTTP client's error)", async () => {
    const upstream = new ResponseError('Response Error', 403, {
      'set-cookie': 'upstream_session=s3cr3t-session',
      'x-internal-node': 'billing-7.prod.internal:8443',
      'www-authenticate': 'Bearer realm="billing"',
      connection: 'keep-alive',
      'keep-alive': 'timeout=5',
      'transfer-encoding': 'chunked',
    })
    const { result, problems, text } = await send(upstream)
    assert.equal(result.statusCode, 500)
    assert.equal(result.headers?.['set-cookie'], undefined)
    assert.equal(result.headers?.['www-authenticate'], undefined)
    for (const leak of ['s3cr3t-session', 'billing-7', 'keep-alive', 'chunked', 'realm']) {
      assert.ok(!text.includes(leak), `${leak} in ${text}`)
    }
    assert.deepEqual(
      problems.map(({ level, status }) => ({ level, status })),
      [{ level: 'ERROR', status: 500 }],
    )
  })

  it('is a 500 without its message (an SDK-style error object with a 4xx statusCode)', async () => {
    const { result, problems, text } = await send({
      statusCode: 400,
      message: 'Invalid parameter: email=ada@example.com',
    })
    assert.equal(result.statusCode, 500)
    assert.equal(JSON.parse(result.body ?? '{}').detail, 'Internal Server Error')
    assert.ok(!text.includes('ada@example.com'), text)
    assert.deepEqual(
      problems.map(({ level, status }) => ({ level, status })),
      [{ level: 'ERROR', status: 500 }],
    )
  })
})
