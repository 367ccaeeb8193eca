import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildEvent, type EventInput, loadEvent } from '../fixtures/events.ts'
import { handler } from '../../src/handlers/example.ts'
import {
  assertDocumentedForExample,
  invoke as invokeWith,
  problemOf,
  type Result,
  recordingHandler,
} from '../helpers/invoke.ts'

/** Invokes the handler and checks the response against openapi.json. */
const invoke = async (event: Parameters<typeof handler>[0], fn = handler) => {
  const response = await invokeWith(fn, event)
  assertDocumentedForExample(response)
  return response
}

const assertOk = (response: Result) => {
  assert.equal(response.statusCode, 200, response.body)
  assert.match(
    String(response.headers?.['content-type']),
    /^application\/json(;\s*charset=utf-8)?$/,
  )
  assert.equal(response.headers?.['x-custom-header'], 'my custom header value')
  assert.deepEqual(JSON.parse(response.body ?? ''), { message: 'ok' })
}

describe('POST /example handler (checked-in API Gateway v2 events)', () => {
  it('answers the base64 form event with 200 {"message":"ok"} and the custom header', async () => {
    assertOk(await invoke(loadEvent('form-base64')))
  })

  it('answers the JSON event with 200 {"message":"ok"}', async () => {
    assertOk(await invoke(loadEvent('json')))
  })

  it('answers malformed JSON with a 400 problem carrying the requestId', async () => {
    const event = loadEvent('json-malformed')
    const response = await invoke(event)
    assert.equal(response.statusCode, 400)
    assert.deepEqual(problemOf(response), {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'Invalid or malformed JSON was provided',
      requestId: event.requestContext.requestId,
    })
  })

  it('answers a body without content type with 415 and Accept-Post', async () => {
    const response = await invoke(loadEvent('no-content-type'))
    assert.equal(response.statusCode, 415)
    assert.equal(problemOf(response).status, 415)
    assert.match(String(response.headers?.['accept-post']), /application\/json/)
    assert.match(String(response.headers?.['accept-post']), /application\/x-www-form-urlencoded/)
  })
})

describe('rule 1: success', () => {
  it('passes the parsed form body to the business function', async () => {
    const { parse } = recordingHandler()
    const { response, body } = await parse({
      body: 'param1=value1&param2=value2',
      base64: true,
      contentType: 'application/x-www-form-urlencoded',
    })
    assert.equal(response.statusCode, 200)
    assert.deepEqual({ ...(body as object) }, { param1: 'value1', param2: 'value2' })
  })

  it('gives every response its own headers object', async () => {
    const first = await invoke(loadEvent('json'))
    if (first.headers) first.headers['x-added-by-a-later-middleware'] = 'leak'
    const second = await invoke(loadEvent('json'))
    assert.equal(second.headers?.['x-added-by-a-later-middleware'], undefined)
  })
})

describe('rule 2: empty body', () => {
  const empties: [string, EventInput][] = [
    ['no body field', {}],
    ['null body', { body: null }],
    ['empty string', { body: '' }],
    ['empty after base64 decoding', { body: '', base64: true }],
  ]
  for (const [name, input] of empties) {
    for (const contentType of [undefined, 'application/json', 'text/csv', 'application/xml']) {
      it(`is 200 and unparsed for ${name} with content type ${contentType ?? 'none'}`, async () => {
        const { parse } = recordingHandler()
        const { response, body } = await parse({ ...input, contentType })
        assert.equal(response.statusCode, 200, response.body)
        assert.equal(body, undefined)
      })
    }
  }

  it('lets any method through: the route decides methods, not the chain', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const response = await invoke(buildEvent({ method }))
      assertOk(response)
    }
  })
})

describe('rule 3: base64', () => {
  it('decodes base64 JSON strictly', async () => {
    const { parse } = recordingHandler()
    const { body } = await parse({
      body: '{"a":[1,"é"]}',
      base64: true,
      contentType: 'application/json',
    })
    assert.deepEqual(body, { a: [1, 'é'] })
  })

  for (const bad of ['cGFyYW0xPXZhbHVlMQ', 'not base64!', 'cGFy YW0x', 'cG=FyYW0x']) {
    it(`rejects invalid base64 ${JSON.stringify(bad)} with 400`, async () => {
      const event = buildEvent({ contentType: 'application/x-www-form-urlencoded', base64: true })
      event.body = bad
      const response = await invoke(event)
      assert.equal(response.statusCode, 400)
      assert.equal(problemOf(response).detail, 'Body is not valid base64')
    })
  }
})

describe('rule 4: size limit', () => {
  const limited = recordingHandler({ maxBodyBytes: 1000 }).fn

  it('accepts a decoded body exactly at the limit', async () => {
    const body = `{"a":"${'x'.repeat(992)}"}`
    assert.equal(body.length, 1000)
    const response = await invoke(
      buildEvent({ body, base64: true, contentType: 'application/json' }),
      limited,
    )
    assert.equal(response.statusCode, 200)
  })

  it('rejects one byte more with 413 before parsing (even unparseable bodies)', async () => {
    for (const base64 of [false, true]) {
      const event = buildEvent({ body: '{'.repeat(1001), base64, contentType: 'application/json' })
      const response = await invoke(event, limited)
      assert.equal(response.statusCode, 413)
      assert.equal(problemOf(response).status, 413)
    }
  })

  it('measures bytes, not characters', async () => {
    const event = buildEvent({ body: `"${'é'.repeat(500)}"`, contentType: 'application/json' })
    assert.equal((await invoke(event, limited)).statusCode, 413)
  })

  it('defaults to 1 MiB', async () => {
    const at = buildEvent({
      body: 'x'.repeat(1024 * 1024),
      base64: true,
      contentType: 'text/plain',
    })
    assert.equal((await invoke(at)).statusCode, 200)
    const over = buildEvent({
      body: 'x'.repeat(1024 * 1024 + 1),
      base64: true,
      contentType: 'text/plain',
    })
    assert.equal((await invoke(over)).statusCode, 413)
  })
})
