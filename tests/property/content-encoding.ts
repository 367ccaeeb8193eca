// Request Content-Encoding through the real chain: compressed bodies arrive as sent, bombs stop at
// the limit, corrupt data is a 400.
import assert from 'node:assert/strict'
import { it } from 'node:test'
import {
  brotliCompressSync,
  deflateSync,
  gzipSync,
  type InputType,
  constants as zlib,
} from 'node:zlib'
import fc from 'fast-check'
import { buildEvent } from '../fixtures/events.ts'
import {
  asSentAsJson,
  encodeUtf8Form,
  expectedForm,
  formPairs,
  hasForbiddenKey,
  unicode,
} from './round-trips.ts'
import { assertPrototypesIntact, check, recordingHandler } from './support.ts'

const send = recordingHandler()

// The fastest settings: what is measured is the decoder, not how well a client compresses.
const COMPRESS: Record<string, (data: InputType) => Buffer> = {
  gzip: (data) => gzipSync(data, { level: 1 }),
  deflate: (data) => deflateSync(data, { level: 1 }),
  br: (data) => brotliCompressSync(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } }),
}
const coding = fc.constantFrom('gzip', 'deflate', 'br')
/** The header a client may send for `coding`: any case, x-gzip, identity around it. */
const header = (name: string) =>
  fc
    .tuple(
      fc.mixedCase(fc.constantFrom(...(name === 'gzip' ? ['gzip', 'x-gzip'] : [name]))),
      fc.constantFrom('', 'identity, ', ' '),
      fc.constantFrom('', ', identity', ' '),
    )
    .map(([c, before, after]) => `${before}${c}${after}`)

const compressed = (name: string, data: InputType, contentType: string, encoding: string) =>
  buildEvent({
    body: COMPRESS[name]?.(data),
    base64: true,
    contentType,
    headers: { 'content-encoding': encoding },
  })

const body = fc.oneof(
  fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ kind: fc.constant('text' as const), value: unicode }),
  fc.record({ kind: fc.constant('form' as const), value: formPairs(unicode) }),
)

/** Registers the properties; call inside a `describe`. */
export const contentEncoding = (): void => {
  it('a compressed JSON, text or form body reaches the business function exactly as sent', async () => {
    const sample = coding.chain((name) => fc.tuple(fc.constant(name), header(name), body))
    await check(
      fc.asyncProperty(sample, async ([name, encoding, { kind, value }]) => {
        if (kind === 'json') {
          const out = await send(
            compressed(name, JSON.stringify(value), 'application/json', encoding),
          )
          if (hasForbiddenKey(value)) return assert.equal(out.response.statusCode, 400)
          assert.equal(out.response.statusCode, 200, out.response.body)
          assert.deepStrictEqual(out.body, asSentAsJson(value))
        } else if (kind === 'text') {
          const out = await send(compressed(name, value, 'text/plain; charset=utf-8', encoding))
          assert.equal(out.response.statusCode, 200, out.response.body)
          assert.equal(out.body, value.replace(/^\ufeff/, '') || undefined)
        } else {
          const form = encodeUtf8Form(value, 'search-params')
          const type = 'application/x-www-form-urlencoded'
          const out = await send(compressed(name, form, type, encoding))
          assert.equal(out.response.statusCode, 200, out.response.body)
          assert.deepStrictEqual(out.body, value.length === 0 ? undefined : expectedForm(value))
        }
        assertPrototypesIntact()
      }),
      800,
    )
  })

  it('a body that decodes past the limit gets 413, however small on the wire; at the limit 200', async () => {
    const limit = 4096
    const limited = recordingHandler({ maxBodyBytes: limit })
    const size = fc.oneof(
      fc.integer({ min: limit - 3, max: limit + 3 }),
      fc.integer({ min: 1, max: 64 * limit }),
      fc.constantFrom(limit * 256, limit * 1024),
    )
    await check(
      fc.asyncProperty(coding, size, fc.integer({ min: 0x20, max: 0x7e }), async (name, n, c) => {
        const event = compressed(name, Buffer.alloc(n, c), 'text/plain', name)
        const out = await limited(event)
        assert.equal(out.response.statusCode, n > limit ? 413 : 200, out.response.body)
        assert.equal(out.called, n <= limit)
      }),
      150,
    )
  })

  it('a compressed body cut short, or under the wrong coding, gets 400', async () => {
    const sample = fc.tuple(coding, coding, unicode, fc.double({ min: 0, max: 1, noNaN: true }))
    await check(
      fc.asyncProperty(sample, async ([name, claimed, text, cut]) => {
        const whole = COMPRESS[name]?.(`["${text}"]`) ?? Buffer.alloc(0)
        const bytes =
          claimed === name ? whole.subarray(0, Math.floor(cut * (whole.length - 1)) + 1) : whole
        if (bytes.length === whole.length && claimed === name) return
        const event = buildEvent({
          body: bytes,
          base64: true,
          contentType: 'application/json',
          headers: { 'content-encoding': claimed },
        })
        const out = await send(event)
        assert.equal(out.response.statusCode, 400, `${name} as ${claimed}: ${out.response.body}`)
      }),
      600,
    )
  })
}
