// The chain ignores a body on GET, HEAD and DELETE (RFC 9110 gives it no meaning; serverless-offline
// drops it, API Gateway passes it on): whatever body such a request carries, it gets the answer it
// would get without one, and the business function sees none. The methods are openapi.json's
// BODYLESS_METHODS, which document no request body, 413 or 415: one list for both.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import type { APIGatewayProxyEventV2 } from 'aws-lambda'
import * as v from 'valibot'
import { BODYLESS_METHODS } from '../../scripts/openapi/document.ts'
import { createHttpHandler } from '../../src/http/index.ts'
import { createLogger } from '../../src/lib/logger.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent, type EventInput } from '../fixtures/events.ts'
import { captureOutput } from '../helpers/output.ts'

const seen: unknown[] = []
const endpoint = createHttpHandler({
  auth: 'public',
  maxBodyBytes: 64,
  logger: createLogger({ logLevel: 'INFO', serviceName: 'test' }),
  handler: ({ body }) => {
    seen.push(body)
    return { message: 'ok' }
  },
})

const send = async (event: APIGatewayProxyEventV2) => {
  const before = seen.length
  const { result, lines } = await captureOutput(() => endpoint(event, createContext()))
  return { result, lines, body: seen.length > before ? seen.at(-1) : 'not called' }
}

const BODIES: Record<string, EventInput> = {
  'a JSON body': { body: '{"a":1}', contentType: 'application/json' },
  'a gzip body': {
    body: gzipSync('{"a":1}'),
    base64: true,
    contentType: 'application/json',
    headers: { 'content-encoding': 'gzip' },
  },
  'a body over the limit': { body: 'x'.repeat(1000), contentType: 'text/plain' },
  'malformed JSON': { body: '{', contentType: 'application/json' },
  'a media type no endpoint parses': { body: '<a/>', contentType: 'application/xml' },
  'an unknown Content-Encoding': {
    body: 'abc',
    contentType: 'text/plain',
    headers: { 'content-encoding': 'zstd' },
  },
  'invalid base64': { body: '***', base64: true, contentType: 'text/plain' },
}

describe('a body on GET, HEAD or DELETE', () => {
  it('is what openapi.json documents no request body for: GET, HEAD and DELETE', () => {
    assert.deepEqual([...BODYLESS_METHODS].sort(), ['DELETE', 'GET', 'HEAD'])
  })

  for (const method of BODYLESS_METHODS) {
    for (const [name, input] of Object.entries(BODIES)) {
      it(`${method} with ${name}: the answer without a body, and no body in business code`, async () => {
        const without = await send(buildEvent({ method, requestId: 'r' }))
        const withBody = await send(buildEvent({ ...input, method, requestId: 'r' }))
        assert.equal(without.result.statusCode, 200)
        assert.deepEqual(withBody.result, without.result)
        assert.equal(withBody.body, undefined)
        const summary = withBody.lines.find((line) => line.message === 'request completed')
        const http = summary?.http as { status?: unknown; bodyBytes?: unknown } | undefined
        assert.equal(http?.status, 200)
        assert.equal(http?.bodyBytes, 0)
        assert.equal(withBody.lines.filter((line) => line.level === 'WARN').length, 0)
      })
    }
  }

  for (const method of ['POST', 'PUT', 'PATCH', 'OPTIONS']) {
    it(`is still read on ${method}: over the limit is 413, malformed JSON 400`, async () => {
      const large = await send(buildEvent({ ...BODIES['a body over the limit'], method }))
      assert.equal(large.result.statusCode, 413)
      const malformed = await send(buildEvent({ ...BODIES['malformed JSON'], method }))
      assert.equal(malformed.result.statusCode, 400)
    })
  }
})

describe('a GET as API Gateway sends it', () => {
  // A real payload-2.0 GET: no body, no content-type, path and query parameters.
  const getEvent = (): APIGatewayProxyEventV2 => ({
    version: '2.0',
    routeKey: 'GET /things/{thingId}',
    rawPath: '/things/t-1',
    rawQueryString: 'limit=5',
    headers: {
      accept: 'application/json',
      host: 'abc123.execute-api.eu-central-1.amazonaws.com',
      'user-agent': 'curl/8.5.0',
      'x-forwarded-for': '203.0.113.10',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
    },
    queryStringParameters: { limit: '5' },
    pathParameters: { thingId: 't-1' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-central-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: {
        method: 'GET',
        path: '/things/t-1',
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.10',
        userAgent: 'curl/8.5.0',
      },
      requestId: 'get-1',
      routeKey: 'GET /things/{thingId}',
      stage: '$default',
      time: '29/Nov/2026:13:00:00 +0000',
      timeEpoch: 1795957200000,
    },
    isBase64Encoded: false,
  })

  const things = createHttpHandler({
    auth: 'public',
    request: {
      path: v.object({ thingId: v.string() }),
      query: v.object({
        limit: v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number), v.maxValue(100)),
      }),
    },
    handler: ({ path, query }) => ({ id: path.thingId, limit: query.limit }),
  })

  it('is served: 200 with its path and query, never "Not an API Gateway HTTP API event"', async () => {
    const { result } = await captureOutput(() => things(getEvent(), createContext()))
    assert.equal(result.statusCode, 200)
    assert.deepEqual(JSON.parse(result.body ?? ''), { id: 't-1', limit: 5 })
  })

  it('is served with a null body, as serverless-offline sends it', async () => {
    const event = { ...getEvent(), body: null } as unknown as APIGatewayProxyEventV2
    const { result } = await captureOutput(() => things(event, createContext()))
    assert.equal(result.statusCode, 200)
  })
})
