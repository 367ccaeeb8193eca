// What the chain does with a request body before the business function sees it: the parsed
// form, empty bodies, base64, the endpoint's body limit. Run against the test-only fixture
// endpoint, every response checked against its OpenAPI description.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { handler } from '../fixtures/endpoint.ts'
import { buildEvent, type EventInput, loadEvent } from '../fixtures/events.ts'
import {
  assertDocumented,
  invoke as invokeWith,
  problemOf,
  type Result,
  recordingHandler,
} from '../helpers/invoke.ts'

const invoke = async (event: Parameters<typeof handler>[0], fn = handler) => {
  const response = await invokeWith(fn, event)
  assertDocumented(response)
  return response
}

const assertOk = (response: Result) => {
  assert.equal(response.statusCode, 200, response.body)
  assert.equal(response.headers?.['x-custom-header'], 'my custom header value')
  assert.deepEqual(JSON.parse(response.body ?? ''), { message: 'ok' })
}

describe('a request the chain accepts', () => {
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

describe('an empty body', () => {
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

describe('a base64 body', () => {
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

// httpBodyLimit's own rules (at the limit, bytes not characters, the 1 MiB default) are in
// tests/unit/http-body-limit.test.ts; here, that an endpoint's maxBodyBytes reaches it.
describe("the endpoint's body limit", () => {
  const limited = recordingHandler({ maxBodyBytes: 1000 }).fn

  it('answers one byte over maxBodyBytes with 413 before parsing (even unparseable bodies)', async () => {
    for (const base64 of [false, true]) {
      const event = buildEvent({ body: '{'.repeat(1001), base64, contentType: 'application/json' })
      const response = await invoke(event, limited)
      assert.equal(response.statusCode, 413)
      assert.equal(problemOf(response).status, 413)
    }
  })
})
