// POST /example, the route a fork replaces first: delete this folder with src/handlers/example.ts
// and its function block in serverless.yml.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { handler } from '../../src/handlers/example.ts'
import { loadEvent } from '../fixtures/events.ts'
import { invoke as invokeWith, problemOf, type Result } from '../helpers/invoke.ts'
import { type OpenApiDocument, responseChecker } from '../helpers/openapi.ts'

const checkResponse = responseChecker(
  JSON.parse(
    readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8'),
  ) as OpenApiDocument,
)

/** Invokes the handler and checks the response against openapi.json. */
const invoke = async (event: Parameters<typeof handler>[0], fn = handler) => {
  const response = await invokeWith(fn, event)
  checkResponse('POST /example', response)
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
