import { parse as parseQuery } from 'node:querystring'
import httpJsonBodyParser from '@middy/http-json-body-parser'
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser'
import { createError } from '@middy/util'
import { BodyDecodeError, decodeBodyText } from '../lib/body.ts'
import { decodeLatin1, MAX_FORM_PAIRS, tooManyPairs } from '../lib/form.ts'
import { getHeader } from '../lib/headers.ts'
import { ACCEPTED_MEDIA_TYPES, parseMediaType, unsupportedReason } from '../lib/media-type.ts'
import type { HttpEvent, HttpMiddleware } from '../lib/types.ts'

export interface HttpBodyParserOptions {
  /** Value of the `Accept-Post` header sent with 415 responses. */
  acceptPost?: string
}

const defaults: Required<HttpBodyParserOptions> = { acceptPost: ACCEPTED_MEDIA_TYPES }

// The stock parsers' hooks are synchronous; calling them without `await` keeps this hook
// synchronous too, so Middy does not pay a promise per request.
type StockBefore = (request: { event: HttpEvent }) => void

/**
 * Chooses the parser from the media type and hands the body to the stock Middy parser for it.
 * The stock parsers are only given bodies this middleware has vetted, because on their own they
 * 415 each other's types, miss `type ; charset=…` with whitespace, decode base64 leniently into
 * U+FFFD, answer 422 for what is a 400, and put the raw body in `cause.data`, where loggers see it.
 */
export const httpBodyParser = (options: HttpBodyParserOptions = {}): HttpMiddleware => {
  const { acceptPost } = { ...defaults, ...options }
  const unsupportedHeaders = { 'accept-post': acceptPost }
  const parseJson = httpJsonBodyParser({ disableContentTypeCheck: true }).before as StockBefore
  const parseForm = httpUrlencodeBodyParser({ disableContentTypeCheck: true }).before as StockBefore

  const httpBodyParserBefore: HttpMiddleware['before'] = ({ event }) => {
    const { body } = event
    if (body === undefined || body === null || body === '') {
      event.body = undefined
      return
    }

    const header = getHeader(event.headers, 'content-type')
    const mediaType = header === undefined ? undefined : parseMediaType(header)
    if (mediaType === undefined) {
      // Middy's createError only honours `cause` in its properties, so headers are set after.
      const error = createError(415, `${unsupportedReason(header)}; supported: ${acceptPost}`)
      error.headers = unsupportedHeaders
      throw error
    }

    try {
      event.body = decodeBodyText(body, event.isBase64Encoded, mediaType.encoding)
    } catch (error) {
      if (error instanceof BodyDecodeError) throw createError(400, error.message)
      throw error
    }
    event.isBase64Encoded = false

    if (mediaType.kind === 'json') {
      try {
        parseJson({ event })
      } catch (error) {
        // Re-created without `cause`: the stock error carries the raw body in `cause.data`.
        const message = error instanceof Error ? error.message : ''
        throw createError(400, message || 'Invalid or malformed JSON was provided')
      }
    } else if (mediaType.kind === 'form') {
      if (tooManyPairs(event.body)) {
        throw createError(413, `Form has more than ${MAX_FORM_PAIRS} fields`)
      }
      if (mediaType.encoding === 'utf8') {
        parseForm({ event })
      } else {
        // The stock parser decodes percent-escapes as UTF-8 only.
        const form = parseQuery(event.body, '&', '=', { decodeURIComponent: decodeLatin1 })
        ;(event as { body: unknown }).body = form
      }
    }
  }

  return { before: httpBodyParserBefore }
}
