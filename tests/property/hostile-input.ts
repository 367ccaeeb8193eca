// Hostile input: whatever arrives (header values that are lists, numbers or null, any
// Content-Encoding, events that are no HTTP event at all), the chain answers with a well-formed
// 200/400/413/415, never a 5xx, never a throw, and leaves every built-in prototype as it was.
import assert from 'node:assert/strict'
import { it } from 'node:test'
import type { APIGatewayProxyEventV2 } from 'aws-lambda'
import type { Arbitrary } from 'fast-check'
import fc from 'fast-check'
import { BODYLESS_METHODS } from '../../scripts/openapi/document.ts'
import {
  assertPrototypesIntact,
  assertWellFormed,
  check,
  POLLUTION_KEY,
  recordingHandler,
  SCALE,
} from './support.ts'

const P = POLLUTION_KEY
const pollution = [
  `{"__proto__":{"${P}":1}}`,
  `[{"a":{"constructor":{"prototype":{"${P}":1}}}}]`,
  `{"constructor":"plain","prototype":{"${P}":1}}`,
  `__proto__[${P}]=1&__proto__=x&constructor[prototype][${P}]=1`,
  `__proto__.${P}=1&a=1&a=2&hasOwnProperty=x&toString=y`,
]

const bytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((b) => Buffer.from(b))
const base64ish = fc.string({ unit: fc.constantFrom(...'Aa0+/=-_ \n%'), maxLength: 40 })

/** Body text, before any `isBase64Encoded` flag is chosen for it. */
const bodyText = (maxBytes: number): Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: maxBytes / 2 }),
    fc.string({ unit: 'grapheme', maxLength: maxBytes / 4 }),
    bytes(maxBytes).map((b) => b.toString('base64')),
    bytes(maxBytes).map((b) => b.toString('latin1')),
    bytes(maxBytes).map((b) => b.toString('utf8')),
    fc.json({ maxDepth: 3 }),
    fc.json({ maxDepth: 3 }).map((json) => Buffer.from(json).toString('base64')),
    fc.webQueryParameters(),
    base64ish,
    fc.constantFrom(...pollution),
    fc.constantFrom(...pollution).map((text) => Buffer.from(text).toString('base64')),
    // Nesting beyond what the parser (and its reviver) can recurse into: 400, never 500.
    fc.integer({ min: 1, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  )

const body = (maxBytes: number) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(undefined, null, ''), weight: 1 },
    { arbitrary: bodyText(maxBytes), weight: 12 },
  )

const mediaTypes = fc.constantFrom(
  ...['application/json', 'application/problem+json', 'application/+json', 'application/json+'],
  ...['application/x-www-form-urlencoded', 'text/plain', 'text/csv', 'text/', 'text'],
  ...['application/xml', 'multipart/form-data', 'application/octet-stream', '*/*', '/', ''],
)
const token = fc.string({ unit: 'grapheme-ascii', maxLength: 8 })
const parameter = fc.tuple(
  fc.oneof(fc.constantFrom('charset', 'Charset', 'CHARSET', 'boundary', 'q'), token),
  fc.oneof(
    fc.constantFrom('utf-8', 'UTF-8', '"utf-8"', 'ISO-8859-1', 'latin1', 'utf-16', 'klingon'),
    fc.constantFrom('', '""', '"unterminated', '"a\\"b"', 'utf-8;', '=', ';'),
    // Names that a plain-object lookup table would find on Object.prototype.
    fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty'),
    token,
  ),
  fc.constantFrom('', ' ', '\t', '  '),
)
const realisticType = fc
  .tuple(fc.mixedCase(mediaTypes), fc.array(parameter, { maxLength: 3 }), fc.boolean())
  .map(([type, params, spaced]) =>
    [type, ...params.map(([k, v, ws]) => `${ws}${k}${spaced ? ' = ' : '='}${v}`)].join(
      spaced ? ' ; ' : ';',
    ),
  )
const contentType: Arbitrary<string> = fc.oneof(
  { arbitrary: realisticType, weight: 6 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 1 },
  { arbitrary: token, weight: 1 },
  // A repeated header, comma-joined the way proxies merge duplicates.
  { arbitrary: fc.tuple(realisticType, realisticType).map((t) => t.join(', ')), weight: 1 },
)

/** What a header value may be in a hand-written or VPC Lattice event: not always a string. */
const oddValue = <T>(value: Arbitrary<T>) =>
  fc.oneof(
    { arbitrary: value, weight: 6 },
    { arbitrary: fc.array(value, { minLength: 1, maxLength: 2 }), weight: 2 },
    { arbitrary: fc.constantFrom(null, 0, 42, true, [], {}, [null], [7]), weight: 1 },
  )
const contentEncoding = fc.oneof(
  fc.constantFrom('gzip', 'x-gzip', 'deflate', 'br', 'identity', 'GZIP', ' br ', 'identity, gzip'),
  fc.constantFrom('compress', 'zstd', 'gzip, br', '', ',', 'deflate-raw'),
  token,
)

type Headers = Record<string, unknown>
const headerMap: Arbitrary<Headers> = fc
  .tuple(
    fc.dictionary(token, oddValue(fc.string({ maxLength: 20 })), { maxKeys: 4 }),
    fc.array(fc.tuple(fc.mixedCase(fc.constant('content-type')), oddValue(contentType)), {
      maxLength: 2,
    }),
    fc.array(fc.tuple(fc.mixedCase(fc.constant('content-encoding')), oddValue(contentEncoding)), {
      maxLength: 1,
    }),
    fc.option(fc.constantFrom('authorization', 'cookie', 'x-api-key')),
  )
  .map(([extra, types, encodings, secret]) => {
    const map: Headers = { ...extra }
    for (const [name, value] of [...types, ...encodings]) map[name] = value
    if (secret) map[secret] = 'secret-value'
    return map
  })
const headers: Arbitrary<unknown> = fc.option(
  fc.oneof(
    { arbitrary: headerMap, weight: 12 },
    { arbitrary: fc.constantFrom(null, 'content-type: text/plain', 42, ['a']), weight: 1 },
  ),
  { nil: undefined, freq: 8 },
)

const requestContextShape = fc.constantFrom('full', 'no-http', 'no-request-id', 'none')
const optionalFields = fc.subarray(['version', 'routeKey', 'rawPath', 'rawQueryString', 'cookies'])

const event = (maxBytes: number): Arbitrary<APIGatewayProxyEventV2> =>
  fc
    .record({
      body: body(maxBytes),
      isBase64Encoded: fc.option(fc.boolean(), { nil: undefined, freq: 8 }),
      headers,
      method: fc.constantFrom('POST', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'post'),
      shape: requestContextShape,
      drop: optionalFields,
      cookies: fc.array(fc.string({ maxLength: 10 }), { maxLength: 2 }),
    })
    .map((spec) => {
      const http = { method: spec.method, path: '/example', protocol: 'HTTP/1.1' }
      const raw: Record<string, unknown> = {
        version: '2.0',
        routeKey: 'POST /example',
        rawPath: '/example',
        rawQueryString: '',
        cookies: spec.cookies,
        headers: spec.headers,
        requestContext: {
          requestId: 'hostile-request',
          ...(spec.shape === 'no-http' ? {} : { http: { ...http, sourceIp: '203.0.113.10' } }),
        },
        body: spec.body,
        isBase64Encoded: spec.isBase64Encoded,
      }
      if (spec.shape === 'none') delete raw.requestContext
      if (spec.shape === 'no-request-id')
        delete (raw.requestContext as { requestId?: string }).requestId
      for (const field of spec.drop) delete raw[field]
      for (const key of ['headers', 'body', 'isBase64Encoded']) {
        if (raw[key] === undefined) delete raw[key]
      }
      return raw as unknown as APIGatewayProxyEventV2
    })

/** What `invoke local --data`, a test event of another service or a broken proxy may send. */
const notAnEvent = (maxBytes: number): Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(null, 0, 42, -1.5, true, false, '', 'null', '{"body":"x"}', []),
    fc.string({ maxLength: 20 }),
    fc.array(event(maxBytes), { minLength: 1, maxLength: 2 }),
    fc
      .tuple(
        event(maxBytes),
        fc.oneof(fc.integer(), fc.boolean(), fc.object({ maxDepth: 1 }), fc.array(fc.string())),
      )
      .map(([shape, body]) => ({ ...shape, body })),
  )

const anyEvent = (maxBytes: number): Arbitrary<unknown> =>
  fc.oneof(
    { arbitrary: event(maxBytes), weight: 12 },
    { arbitrary: notAnEvent(maxBytes), weight: 1 },
  )

const probe = async (send: ReturnType<typeof recordingHandler>, input: unknown) => {
  // A copy: the chain replaces the body, and the original must stay printable for a counterexample.
  const copy = structuredClone(input)
  const outcome = await send(copy as APIGatewayProxyEventV2).catch((error: unknown) => {
    assert.fail(`the handler threw: ${error instanceof Error ? error.stack : String(error)}`)
  })
  const status = assertWellFormed(outcome, input)
  assertPrototypesIntact()
  return status
}

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

const hasContentEncoding = (headers: unknown): boolean =>
  typeof headers === 'object' &&
  headers !== null &&
  Object.keys(headers).some((name) => name.toLowerCase() === 'content-encoding')

/**
 * Decoded size when it is well defined: plain text, or base64 that decodes strictly, of an HTTP
 * event without Content-Encoding (a compressed body may decode to any size).
 */
const decodedSize = (input: unknown): number | undefined => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined
  const { body, isBase64Encoded, headers, requestContext } = input as Record<string, unknown>
  // The chain ignores a body on GET, HEAD and DELETE.
  const method = (requestContext as { http?: { method?: unknown } } | undefined)?.http?.method
  if (BODYLESS_METHODS.includes(String(method))) return 0
  if (hasContentEncoding(headers)) return undefined
  if (!body) return 0
  if (typeof body !== 'string') return undefined
  if (!isBase64Encoded) return Buffer.byteLength(body, 'utf8')
  return STRICT_BASE64.test(body) ? Buffer.from(body, 'base64').length : undefined
}

/** Registers the properties; call inside a `describe`. */
export const hostileInput = (): void => {
  it('any event gets a well-formed 200/400/415 problem or success, never a 5xx or a throw', async () => {
    const send = recordingHandler()
    const seen = new Set<number>()
    await check(
      fc.asyncProperty(anyEvent(400), async (input) => {
        const status = await probe(send, input)
        assert.notEqual(status, 413, 'nothing here is near the default 1 MiB limit')
        seen.add(status)
      }),
      3500,
    )
    // Guards the generators: a property that only ever sees one status proves little.
    if (SCALE >= 1)
      assert.deepStrictEqual(
        [...seen].sort((a, b) => a - b),
        [200, 400, 415],
      )
  })

  it('with a 256-byte limit, a larger decoded body gets 413 before anything parses it', async () => {
    const limit = 256
    const send = recordingHandler({ maxBodyBytes: limit })
    const seen = new Set<number>()
    await check(
      fc.asyncProperty(anyEvent(2 * limit), async (input) => {
        const status = await probe(send, input)
        const size = decodedSize(input)
        if (size !== undefined)
          assert.equal(status === 413, size > limit, `size ${size}, ${status}`)
        seen.add(status)
      }),
      1000,
    )
    if (SCALE >= 1) assert.ok(seen.has(413), `statuses seen: ${[...seen]}`)
  })

  it('anything that is not an HTTP API event gets a 400 problem, never a throw', async () => {
    const send = recordingHandler()
    await check(
      fc.asyncProperty(notAnEvent(100), async (input) => {
        assert.equal(await probe(send, input), 400)
      }),
      500,
    )
  })
}
