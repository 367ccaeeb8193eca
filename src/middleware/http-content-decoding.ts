import { createError } from '@middy/util'
import { BodyDecodeError, base64Bytes } from '../lib/body.ts'
import { bodyFacts } from '../lib/body-facts.ts'
import type { HttpMiddleware } from '../lib/types.ts'

export interface HttpContentDecodingOptions {
  /** Largest accepted decoded body, in bytes; decompression stops one byte past it. */
  maxBytes?: number
}

const defaults: Required<HttpContentDecodingOptions> = { maxBytes: 1024 * 1024 }

/** The content codings undone, as the `Accept-Encoding` of a 415 lists them (RFC 9110 §12.5.3). */
export const CONTENT_CODINGS = 'gzip, deflate, br'

// RFC 9110 §8.4.1: `deflate` is the zlib format, and `x-gzip` is to be taken as `gzip`. Names of
// node:zlib functions: the module is fetched when a compressed body arrives, not imported, because
// loading it costs ~1.5 ms of every cold start (~10 ms at the 256 MB CPU share).
const DECODERS: ReadonlyMap<string, 'gunzipSync' | 'inflateSync' | 'brotliDecompressSync'> =
  new Map([
    ['gzip', 'gunzipSync'],
    ['x-gzip', 'gunzipSync'],
    ['deflate', 'inflateSync'],
    ['br', 'brotliDecompressSync'],
  ])

const TOKEN = /^[\w!#$%&'*+.^`|~-]{1,40}$/

/**
 * Undoes the request's Content-Encoding, so the body limit holds for the bytes the parser gets,
 * not only for the wire: zlib stops at limit + 1 bytes (413), so a decompression bomb costs no
 * more than an honest body. Corrupt data is 400; an unknown coding 415 with `Accept-Encoding`.
 * The decoded bytes go to the parser through `request.internal.decodedBody`.
 */
export const httpContentDecoding = (options: HttpContentDecodingOptions = {}): HttpMiddleware => {
  const { maxBytes } = { ...defaults, ...options }
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw new TypeError(
      `httpContentDecoding: maxBytes must be a non-negative integer, got ${maxBytes}`,
    )
  }
  const limit = { maxOutputLength: maxBytes + 1 }
  const unsupportedHeaders = { 'accept-encoding': CONTENT_CODINGS }
  const tooLarge = () =>
    createError(413, `Decoded request body is larger than the limit of ${maxBytes} bytes`)

  const httpContentDecodingBefore: HttpMiddleware['before'] = (request) => {
    const { contentEncoding } = bodyFacts(request)
    const { body, isBase64Encoded } = request.event
    if (contentEncoding === undefined || typeof body !== 'string' || body === '') return
    const codings = contentEncoding
      .toLowerCase()
      .split(',')
      .map((coding) => coding.trim())
      .filter((coding) => coding !== '' && coding !== 'identity')
    const [coding = ''] = codings
    if (codings.length === 0) return
    const decode = codings.length === 1 ? DECODERS.get(coding) : undefined
    if (decode === undefined) {
      const what =
        codings.length > 1 ? 'with more than one coding ' : TOKEN.test(coding) ? `'${coding}' ` : ''
      const error = createError(
        415,
        `Content-Encoding ${what}is not supported; supported: ${CONTENT_CODINGS}`,
      )
      error.headers = unsupportedHeaders
      throw error
    }

    let decoded: Buffer
    try {
      const zlib = process.getBuiltinModule('node:zlib')
      decoded = zlib[decode](isBase64Encoded ? base64Bytes(body) : Buffer.from(body), limit)
    } catch (error) {
      if (error instanceof BodyDecodeError) throw createError(400, error.message)
      if ((error as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge()
      throw createError(400, `Body is not valid ${coding} data`)
    }
    if (decoded.length > maxBytes) throw tooLarge()
    request.internal.decodedBody = decoded
  }

  return { before: httpContentDecodingBefore }
}
