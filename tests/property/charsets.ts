// Charsets by their WHATWG Encoding labels: the label table comes from the whatwg-encoding
// package (a copy of the standard's), so the service's label resolution (Node's TextDecoder) is
// checked against the standard rather than against itself; iconv-lite plays the client encoding
// real text.
import assert from 'node:assert/strict'
import { it } from 'node:test'
import type { Arbitrary } from 'fast-check'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import labelsToNames from 'whatwg-encoding/lib/labels-to-names.json' with { type: 'json' }
import { buildEvent } from '../fixtures/events.ts'
import { expectedForm, type Pairs } from './round-trips.ts'
import { assertPrototypesIntact, check, recordingHandler } from './support.ts'

const send = recordingHandler()

/** Every label of the standard with its encoding's name; whatwg-encoding leaves out ISO-2022-JP. */
const LABELS: [string, string][] = [
  ...Object.entries(labelsToNames),
  ['iso-2022-jp', 'ISO-2022-JP'],
  ['csiso2022jp', 'ISO-2022-JP'],
]
const KNOWN = new Set(LABELS.map(([label]) => label))
/** Labels of the standard's "replacement" encoding: no decoder, so refused like unknown ones. */
const REPLACEMENT = ['csiso2022kr', 'hz-gb-2312', 'iso-2022-cn', 'iso-2022-cn-ext', 'iso-2022-kr']

/** The label as a client may write it: any case, sometimes quoted. */
const written = (label: string): Arbitrary<string> =>
  fc.tuple(fc.mixedCase(fc.constant(label)), fc.boolean()).map(([l, q]) => (q ? `"${l}"` : l))

const labelled = (names: (name: string) => boolean) =>
  fc
    .constantFrom(...LABELS.filter(([, name]) => names(name)))
    .chain(([label, name]) => written(label).map((text) => ({ text, name })))

const isUtf16 = (name: string) => name.startsWith('UTF-16')
const FORM = 'application/x-www-form-urlencoded'

/** What a browser does to each byte of a form field: unreserved ASCII stays, the rest is %XX. */
const percentEncode = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) =>
    /[A-Za-z0-9*._-]/.test(String.fromCharCode(b))
      ? String.fromCharCode(b)
      : `%${b.toString(16).padStart(2, '0').toUpperCase()}`,
  ).join('')

// Mostly ASCII with some high bytes, so that multi-byte sequences are valid now and then.
const byte = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0, max: 0xff }))
const bytes = (maxLength: number) => fc.array(byte, { maxLength }).map((b) => Uint8Array.from(b))
/** Bytes that start with a UTF-8 byte order mark now and then. */
const withBom = fc.oneof(
  bytes(48),
  bytes(45).map((b) => Uint8Array.of(0xef, 0xbb, 0xbf, ...b)),
)

/** Single-byte encodings and EUC-JP, where iconv-lite's tables are the standard's (checked). */
const CLIENT_ENCODES = (name: string) =>
  /^(UTF-|ISO-8859-|windows-125|IBM866$|KOI8-R$|EUC-JP$)/.test(name)

const char = (min: number, max: number) =>
  fc.integer({ min, max }).map((code) => String.fromCharCode(code))
const anyChar = fc.oneof(char(0, 0x7f), char(0x80, 0x24f), char(0x250, 0xffff))

/** A string of characters the encoding can carry, as a client would send it (no U+FFFD). */
const encodable = (name: string) =>
  fc
    .string({ unit: anyChar, maxLength: 16 })
    .map((text) =>
      [...text]
        .filter((c) => c !== '\ufffd' && iconv.decode(iconv.encode(c, name), name) === c)
        .join(''),
    )

/** Registers the properties; call inside a `describe`. */
export const charsets = (): void => {
  it('text in any WHATWG charset is decoded as the standard names it, or 400 when invalid in it', async () => {
    await check(
      fc.asyncProperty(
        labelled(() => true),
        withBom,
        async (charset, body) => {
          const contentType = `text/plain; charset=${charset.text}`
          const out = await send(buildEvent({ body: Buffer.from(body), base64: true, contentType }))
          let expected: string
          try {
            expected = new TextDecoder(charset.name, { fatal: true }).decode(body)
          } catch {
            assert.equal(out.response.statusCode, 400, out.response.body)
            const name = charset.name === 'UTF-8' ? 'UTF-8' : charset.name.toLowerCase()
            assert.equal(JSON.parse(out.response.body ?? '').detail, `Body is not valid ${name}`)
            return
          }
          assert.equal(out.response.statusCode, 200, out.response.body)
          assert.equal(out.body, expected === '' ? undefined : expected)
        },
      ),
      1500,
    )
  })

  it('form fields percent-encoded in any ASCII-compatible WHATWG charset decode as bytes in it', async () => {
    const pairs = fc.array(fc.tuple(bytes(12), bytes(12)), { maxLength: 6 })
    await check(
      fc.asyncProperty(
        labelled((name) => !isUtf16(name)),
        pairs,
        async (charset, fields) => {
          const body = fields.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&')
          const contentType = `${FORM}; charset=${charset.text}`
          const out = await send(buildEvent({ body, base64: true, contentType }))
          assert.equal(out.response.statusCode, 200, out.response.body)
          if (body === '') return assert.equal(out.body, undefined)
          // Not fatal, and a BOM is a character: what the stock parser does for UTF-8 escapes.
          const decoder = new TextDecoder(charset.name, { ignoreBOM: true })
          const decoded: Pairs = fields.map(([k, v]) => [decoder.decode(k), decoder.decode(v)])
          assert.deepStrictEqual(out.body, expectedForm(decoded))
          assertPrototypesIntact()
        },
      ),
      1000,
    )
  })

  it('text and forms a client encodes in a charset reach the business function as written', async () => {
    const sample = labelled(CLIENT_ENCODES).chain((charset) =>
      fc.record({
        charset: fc.constant(charset),
        text: encodable(charset.name),
        pairs: fc.array(fc.tuple(encodable(charset.name), encodable(charset.name)), {
          maxLength: 4,
        }),
        base64: fc.boolean(),
      }),
    )
    await check(
      fc.asyncProperty(sample, async ({ charset, text, pairs, base64 }) => {
        // A plain (not base64) body is text already: API Gateway decoded it.
        const body = base64 ? iconv.encode(text, charset.name) : text
        const contentType = `text/plain; charset=${charset.text}`
        const out = await send(buildEvent({ body, base64, contentType }))
        assert.equal(out.response.statusCode, 200, out.response.body)
        const sent = text.startsWith('\ufeff') ? text.slice(1) : text
        assert.equal(out.body, sent === '' ? undefined : sent)
        if (isUtf16(charset.name)) return
        const form = pairs
          .map((pair) => pair.map((s) => percentEncode(iconv.encode(s, charset.name))).join('='))
          .join('&')
        const formType = `${FORM}; charset=${charset.text}`
        const parsed = await send(buildEvent({ body: form, base64, contentType: formType }))
        assert.equal(parsed.response.statusCode, 200, parsed.response.body)
        assert.deepStrictEqual(parsed.body, form === '' ? undefined : expectedForm(pairs))
      }),
      800,
    )
  })

  it('a label that names no encoding gets 415 naming it, for text and forms; JSON ignores it', async () => {
    const unknown = fc
      .oneof(
        fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~:-]{1,16}$/),
        fc.constantFrom(
          ...REPLACEMENT,
          'klingon',
          'utf-7',
          'iso_8859_1',
          'constructor',
          '__proto__',
        ),
      )
      .filter((label) => !KNOWN.has(label.toLowerCase()))
    const type = fc.constantFrom(
      'text/plain',
      'text/csv',
      FORM,
      'application/json',
      'application/ld+json',
    )
    await check(
      fc.asyncProperty(type, unknown, fc.boolean(), bytes(24), async (t, label, quoted, body) => {
        if (body.length === 0) body = Uint8Array.of(0x61)
        const contentType = `${t}; charset=${quoted ? `"${label}"` : label}`
        const out = await send(buildEvent({ body: Buffer.from(body), base64: true, contentType }))
        if (t.endsWith('json')) {
          assert.notEqual(out.response.statusCode, 415, out.response.body)
          return
        }
        assert.equal(out.response.statusCode, 415, out.response.body)
        const named = /^[\w.:-]{1,40}$/.test(label) ? `'${label}' ` : ''
        assert.equal(JSON.parse(out.response.body ?? '').detail, `charset ${named}is not supported`)
        assert.equal(out.called, false)
      }),
      600,
    )
  })
}
