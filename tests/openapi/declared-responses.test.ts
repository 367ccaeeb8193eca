// What openapi.json says of declared responses and parameters, on test-only fixture endpoints: a
// 204 has no content, headers that `respond()` sets are documented per status, a coerced query
// parameter keeps its range, and the document agrees with what the function answers.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { Validator } from '@seriousme/openapi-schema-validator'
import { functionsOf } from '../../scripts/lib/serverless-config.ts'
import {
  buildOpenApi,
  responseHeaderNames,
  successStatuses,
} from '../../scripts/openapi/document.ts'
import { SECURITY_HEADERS } from '../../src/http/create-http-handler.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'
import { legacy, putThing } from '../fixtures/openapi-endpoints.ts'
import { type OpenApiDocument, responseChecker } from '../helpers/openapi.ts'
import { captureOutput } from '../helpers/output.ts'

const FUNCTIONS = functionsOf({
  deleteThing: {
    handler: 'tests/fixtures/openapi-endpoints.deleteThing',
    events: [{ httpApi: 'DELETE /things/{thingId}' }],
  },
  putThing: {
    handler: 'tests/fixtures/openapi-endpoints.putThing',
    events: [{ httpApi: 'POST /things' }],
  },
  listThings: {
    handler: 'tests/fixtures/openapi-endpoints.listThings',
    events: [{ httpApi: 'GET /things' }],
  },
  legacy: {
    handler: 'tests/fixtures/openapi-endpoints.legacy',
    events: [{ httpApi: 'GET /legacy' }],
  },
})

// Every response documents the chain's security headers, each by reference.
const SECURITY = Object.fromEntries(
  Object.keys(SECURITY_HEADERS).map((name) => [name, { $ref: `#/components/headers/${name}` }]),
)

describe('openapi.json of declared responses', () => {
  let document: OpenApiDocument
  before(async () => {
    document = (await buildOpenApi({ functions: FUNCTIONS })) as unknown as OpenApiDocument
  })
  const operation = (routePath: string, method: string) => {
    const found = document.paths[routePath]?.[method]
    assert.ok(found, `${method} ${routePath}`)
    return found
  }

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(document as unknown as Record<string, unknown>)
    assert.deepEqual(result.errors, undefined)
  })

  it('gives a 204 no content, only its headers, and a DELETE no request body, 413 or 415', () => {
    const del = operation('/things/{thingId}', 'delete')
    assert.deepEqual(del.responses['204'], { description: 'No Content', headers: SECURITY })
    assert.equal(del.requestBody, undefined)
    assert.deepEqual(Object.keys(del.responses), ['204', '400', '422', '500', '504'])
  })

  it('documents the headers respond() sets, per status, beside the fixed ones', () => {
    const { responses } = operation('/things', 'post')
    assert.deepEqual(responses['201']?.headers, {
      ...SECURITY,
      'x-api': { required: true, schema: { type: 'string', const: 'things' } },
      location: { description: 'URL of the new thing', required: true, schema: { type: 'string' } },
    })
    assert.deepEqual(responses['200']?.headers, {
      ...SECURITY,
      'x-api': { required: true, schema: { type: 'string', const: 'things' } },
      etag: { description: 'Version of the thing', required: false, schema: { type: 'string' } },
    })
    assert.deepEqual(responses['201']?.content, {
      'application/json': { schema: { $ref: '#/components/schemas/PutThingResponse' } },
    })
    assert.deepEqual(responses['200']?.content, {
      'application/json': { schema: { $ref: '#/components/schemas/PutThingResponse200' } },
    })
  })

  it('lists every header name a response may carry, for CORS to expose', () => {
    assert.deepEqual(responseHeaderNames(putThing.endpoint).sort(), ['etag', 'location', 'x-api'])
    assert.deepEqual([...successStatuses(putThing.endpoint).keys()], [201, 200])
  })

  it('documents a coerced query parameter as the value read, with its range', () => {
    assert.deepEqual(operation('/things', 'get').parameters, [
      {
        name: 'limit',
        in: 'query',
        required: true,
        schema: { type: 'number', minimum: 1, maximum: 100 },
      },
      // The default as sent ("1") is no number; the value read is not described by it.
      { name: 'page', in: 'query', required: false, schema: { type: 'number', minimum: 1 } },
      // A transform nothing after it types: documented as the string it is sent as.
      { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } },
    ])
  })

  it('keeps the older form: a schema or null per further status', () => {
    const { responses } = operation('/legacy', 'get')
    assert.deepEqual(Object.keys(responses).slice(0, 3), ['200', '202', '204'])
    assert.deepEqual(responses['202']?.content, {
      'application/json': { schema: { $ref: '#/components/schemas/LegacyResponse202' } },
    })
    assert.equal(responses['204']?.content, undefined)
    assert.deepEqual(responseHeaderNames(legacy.endpoint), [])
  })

  it('says what the function answers: 201 with Location, 200 with ETag, 204 without a body', async () => {
    const check = responseChecker(document)
    for (const body of ['{"id":"t1"}', '{"id":"t1","replace":true}']) {
      const event = buildEvent({ body, contentType: 'application/json' })
      const { result } = await captureOutput(() => putThing(event, createContext()))
      check('POST /things', result)
    }
    const { deleteThing } = await import('../fixtures/openapi-endpoints.ts')
    const event = buildEvent({ method: 'DELETE' })
    event.pathParameters = { thingId: 't1' }
    const { result } = await captureOutput(() => deleteThing(event, createContext()))
    assert.equal(result.statusCode, 204)
    check('DELETE /things/{thingId}', result)
  })
})
