import assert from 'node:assert/strict'
import { describe, it, mock } from 'node:test'
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { httpContentDecoding } from '../../src/middleware/http-content-decoding.ts'
import { buildEvent, type EventInput } from '../fixtures/events.ts'
import { middyRequest } from '../helpers/middy-request.ts'

const run = async (input: EventInput, maxBytes = 100) => {
  const request = middyRequest(buildEvent(input))
  await httpContentDecoding({ maxBytes }).before?.(request)
  return request
}

describe('httpContentDecoding', () => {
  it('leaves a request without Content-Encoding alone, body and all', async () => {
    const request = await run({ body: '{"a":1}', base64: true })
    assert.equal(request.internal.decodedBody, undefined)
    assert.equal(request.event.body, 'eyJhIjoxfQ==')
    assert.equal(request.event.isBase64Encoded, true)
  })

  it('puts the decoded bytes in request.internal for the parser, leaving the event as sent', async () => {
    const body = gzipSync('{"a":1}')
    const request = await run({ body, base64: true, headers: { 'Content-Encoding': 'gzip' } })
    assert.equal(request.internal.decodedBody?.toString(), '{"a":1}')
    assert.equal(request.event.body, body.toString('base64'))
  })

  it('answers past maxBytes with 413 and at maxBytes with the bytes', async () => {
    const headers = { 'content-encoding': 'gzip' }
    const at = await run({ body: gzipSync('x'.repeat(100)), base64: true, headers })
    assert.equal(at.internal.decodedBody?.length, 100)
    await assert.rejects(run({ body: gzipSync('x'.repeat(101)), base64: true, headers }), {
      statusCode: 413,
      message: 'Decoded request body is larger than the limit of 100 bytes',
    })
  })

  it('stops inflating a bomb one byte past maxBytes, whatever the coding', async () => {
    // The middleware fetches node:zlib through process.getBuiltinModule: the same object.
    const zlib = process.getBuiltinModule('node:zlib')
    const bomb = Buffer.alloc(400)
    const codings = [
      ['gzip', 'gunzipSync', gzipSync],
      ['deflate', 'inflateSync', deflateSync],
      ['br', 'brotliDecompressSync', brotliCompressSync],
    ] as const
    for (const [coding, decoder, compress] of codings) {
      const inflated: number[] = []
      const original = zlib[decoder]
      const spy = mock.method(
        zlib,
        decoder,
        (data: Buffer, options: { maxOutputLength: number }) => {
          // What zlib writes before it gives up: its output, or maxOutputLength when it stops.
          try {
            const out = original(data, options)
            inflated.push(out.length)
            return out
          } catch (error) {
            inflated.push(options.maxOutputLength)
            throw error
          }
        },
      )
      try {
        const headers = { 'content-encoding': coding }
        await assert.rejects(run({ body: compress(bomb), base64: true, headers }), {
          statusCode: 413,
        })
      } finally {
        spy.mock.restore()
      }
      assert.deepEqual(inflated, [101], coding)
    }
  })

  it('refuses a maxBytes that is not a non-negative integer when built', () => {
    for (const maxBytes of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => httpContentDecoding({ maxBytes }), TypeError, String(maxBytes))
    }
  })
})
