import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  brotliCompressSync,
  brotliDecompressSync,
  deflateRawSync,
  deflateSync,
  gzipSync,
} from 'node:zlib'
import { handler } from '../fixtures/endpoint.ts'
import { buildEvent, type EventInput, loadEvent } from '../fixtures/events.ts'
import { invoke, problemOf, recordingHandler } from '../helpers/invoke.ts'

const CODINGS = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync }
const JSON_TYPE = 'application/json'

/** A body compressed by `coding` and sent base64, as API Gateway sends a binary body. */
const compressed = (coding: keyof typeof CODINGS, text: string, input: EventInput = {}) =>
  buildEvent({
    contentType: JSON_TYPE,
    ...input,
    body: CODINGS[coding](Buffer.from(text)),
    base64: true,
    headers: { 'content-encoding': coding, ...input.headers },
  })

describe('request Content-Encoding', () => {
  const { send } = recordingHandler()

  it('answers the checked-in gzip event with 200 {"message":"ok"}', async () => {
    const response = await invoke(handler, loadEvent('json-gzip'))
    assert.equal(response.statusCode, 200, response.body)
    assert.deepEqual(JSON.parse(response.body ?? ''), { message: 'ok' })
  })

  for (const coding of ['gzip', 'deflate', 'br'] as const) {
    it(`decodes ${coding} before charset decoding and parsing`, async () => {
      const out = await send(compressed(coding, '{"a":"Grüße €"}'))
      assert.equal(out.response.statusCode, 200, out.response.body)
      assert.deepEqual(out.body, { a: 'Grüße €' })
    })
  }

  it('decodes then applies the charset, for text and forms alike', async () => {
    const text = buildEvent({
      body: gzipSync(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80])),
      base64: true,
      contentType: 'text/plain; charset=windows-1252',
      headers: { 'content-encoding': 'gzip' },
    })
    assert.equal((await send(text)).body, 'café €')
    const form = compressed('br', 'a=1&b=%E9', {
      contentType: 'application/x-www-form-urlencoded; charset=iso-8859-1',
    })
    assert.deepEqual({ ...((await send(form)).body as object) }, { a: '1', b: 'é' })
  })

  it('reads the coding case-insensitively, x-gzip as gzip, and identity as none', async () => {
    for (const header of ['GZIP', ' Gzip ', 'x-gzip', 'identity, gzip', 'gzip, identity']) {
      const out = await send(compressed('gzip', '[1]', { headers: { 'content-encoding': header } }))
      assert.equal(out.response.statusCode, 200, `${header}: ${out.response.body}`)
      assert.deepEqual(out.body, [1])
    }
    for (const header of ['identity', 'IDENTITY', '', ' , ']) {
      const event = buildEvent({
        body: '[2]',
        contentType: JSON_TYPE,
        headers: { 'content-encoding': header },
      })
      const out = await send(event)
      assert.equal(out.response.statusCode, 200, `${header}: ${out.response.body}`)
      assert.deepEqual(out.body, [2])
    }
  })

  it('ignores Content-Encoding when there is no body, like Content-Type', async () => {
    const out = await send(buildEvent({ headers: { 'content-encoding': 'compress' } }))
    assert.equal(out.response.statusCode, 200)
    assert.equal(out.body, undefined)
  })

  it('treats a body that decodes to nothing as no body', async () => {
    const out = await send(compressed('gzip', ''))
    assert.equal(out.response.statusCode, 200, out.response.body)
    assert.equal(out.body, undefined)
  })

  const unsupported: [string, string][] = [
    ['compress', "'compress' "],
    ['zstd', "'zstd' "],
    ['gzip, br', 'with more than one coding '],
    ['a b', ''],
  ]
  for (const [header, what] of unsupported) {
    it(`answers Content-Encoding ${JSON.stringify(header)} with 415 and Accept-Encoding`, async () => {
      const out = await send(compressed('gzip', '{}', { headers: { 'content-encoding': header } }))
      assert.equal(out.response.statusCode, 415)
      assert.equal(out.response.headers?.['accept-encoding'], 'gzip, deflate, br')
      assert.equal(
        problemOf(out.response).detail,
        `Content-Encoding ${what}is not supported; supported: gzip, deflate, br`,
      )
      assert.equal(out.called, false)
    })
  }

  const corrupt: [string, EventInput][] = [
    [
      'gzip data cut short',
      {
        body: gzipSync('{"a":1}').subarray(0, 12),
        base64: true,
        headers: { 'content-encoding': 'gzip' },
      },
    ],
    [
      'plain data under a gzip header',
      { body: '{"a":1}', headers: { 'content-encoding': 'gzip' } },
    ],
    [
      'raw deflate (deflate is the zlib format)',
      { body: deflateRawSync('{"a":1}'), base64: true, headers: { 'content-encoding': 'deflate' } },
    ],
    [
      'gzip data under a br header',
      { body: gzipSync('{"a":1}'), base64: true, headers: { 'content-encoding': 'br' } },
    ],
  ]
  for (const [name, input] of corrupt) {
    it(`answers ${name} with 400`, async () => {
      const out = await send(buildEvent({ contentType: JSON_TYPE, ...input }))
      assert.equal(out.response.statusCode, 400, out.response.body)
      const coding = input.headers?.['content-encoding']
      assert.equal(problemOf(out.response).detail, `Body is not valid ${coding} data`)
    })
  }

  it('answers invalid base64 under a Content-Encoding with 400, as without one', async () => {
    const event = buildEvent({
      contentType: JSON_TYPE,
      base64: true,
      headers: { 'content-encoding': 'gzip' },
    })
    event.body = 'H4sI AAAA'
    const out = await send(event)
    assert.equal(out.response.statusCode, 400)
    assert.equal(problemOf(out.response).detail, 'Body is not valid base64')
  })

  describe('the body limit holds for the decoded bytes', () => {
    const limited = recordingHandler({ maxBodyBytes: 1000 })
    const body = (size: number) => `"${'x'.repeat(size - 2)}"`

    it('accepts a body that decodes to exactly the limit', async () => {
      for (const coding of ['gzip', 'deflate', 'br'] as const) {
        const out = await limited.send(compressed(coding, body(1000)))
        assert.equal(out.response.statusCode, 200, out.response.body)
      }
    })

    it('answers one decoded byte more with 413, though the wire size is far below the limit', async () => {
      for (const coding of ['gzip', 'deflate', 'br'] as const) {
        const event = compressed(coding, body(1001))
        assert.ok((event.body?.length ?? 0) < 200)
        const out = await limited.send(event)
        assert.equal(out.response.statusCode, 413)
        assert.equal(
          problemOf(out.response).detail,
          'Decoded request body is larger than the limit of 1000 bytes',
        )
        assert.equal(out.called, false)
      }
    })

    it('still answers 413 from the wire length before decoding anything', async () => {
      const event = compressed('gzip', 'x', { headers: { 'content-encoding': 'zstd' } })
      event.body = Buffer.alloc(1001).toString('base64')
      const out = await limited.send(event)
      assert.equal(out.response.statusCode, 413)
      assert.equal(
        problemOf(out.response).detail,
        'Request body is 1001 bytes; the limit is 1000 bytes',
      )
    })

    it('stops a decompression bomb at the limit: 3,253 bytes of brotli that expand to 4 GiB', async () => {
      const event = loadEvent('json-br-bomb')
      const wire = Buffer.from(event.body ?? '', 'base64')
      assert.equal(wire.length, 3253)
      // It is a bomb: even a 64 MiB output limit is not enough to hold it.
      assert.throws(() => brotliDecompressSync(wire, { maxOutputLength: 64 * 1024 ** 2 }), {
        code: 'ERR_BUFFER_TOO_LARGE',
      })
      const response = await invoke(handler, event)
      assert.equal(response.statusCode, 413)
      assert.equal(
        problemOf(response).detail,
        'Decoded request body is larger than the limit of 1048576 bytes',
      )
      // Decoding all of it would take seconds and 4 GiB of memory. That zlib stops at exactly
      // limit + 1 bytes is pinned by tests/unit/http-content-decoding.test.ts, not by a timing.
    })
  })
})
