import { parse as parseQuery } from 'node:querystring'
import httpJsonBodyParser from '@middy/http-json-body-parser'
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser'
import { createError } from '@middy/util'
import { BodyDecodeError, decodeBodyText } from '../lib/body.ts'
import { bodyFacts } from '../lib/body-facts.ts'
import { formDecoder, MAX_FORM_PAIRS, tooManyPairs } from '../lib/form.ts'
import { MAX_JSON_DEPTH, mayHoldForbiddenKey, nestedDeeperThan } from '../lib/json-guard.ts'
import { acceptPostFor, BODY_KINDS, type BodyKind, unsupportedReason } from '../lib/media-type.ts'
import type { HttpEvent, HttpMiddleware } from '../lib/types.ts'

export interface HttpBodyParserOptions {
  /** Body kinds this endpoint parses; any other media type gets 415 with `Accept-Post`. */
  accepts?: readonly BodyKind[]
}

const defaults: Required<HttpBodyParserOptions> = { accepts: BODY_KINDS }

// The stock parsers are typed for API Gateway's raw event; what they do is replace `event.body`
// with the parsed value. Its hook is synchronous, and calling it without `await` keeps
// this hook synchronous too, so Middy does not pay a promise per request.
type StockBefore = (request: { event: HttpEvent }) => void

/**
 * Chooses the parser from the media type and parses the body this middleware has vetted, because
 * on their own the stock Middy parsers 415 each other's types, miss `type ; charset=…` with
 * whitespace, decode base64 leniently into U+FFFD, answer 422 for what is a 400, and put the raw
 * body in `cause.data`, where loggers see it. Forms go to the stock urlencode parser. JSON goes to
 * the stock JSON parser only when the text may hold a forbidden key (src/lib/json-guard.ts): its
 * guard is a JSON.parse reviver, which keeps V8 off its fast path (~9× slower), and it has no
 * option to skip it. Text the scan clears cannot hold one, so plain JSON.parse gives the same value.
 */
export const httpBodyParser = (options: HttpBodyParserOptions = {}): HttpMiddleware => {
  const { accepts } = { ...defaults, ...options }
  if (accepts.length === 0 || accepts.some((kind) => !BODY_KINDS.includes(kind))) {
    throw new TypeError(`httpBodyParser: accepts must list some of ${BODY_KINDS.join(', ')}`)
  }
  const acceptPost = acceptPostFor(accepts)
  const unsupportedHeaders = { 'accept-post': acceptPost }
  const parseForm = httpUrlencodeBodyParser({ disableContentTypeCheck: true }).before as StockBefore
  const parseJson = httpJsonBodyParser({ disableContentTypeCheck: true }).before as StockBefore

  const httpBodyParserBefore: HttpMiddleware['before'] = (request) => {
    const { event } = request
    const { body } = event
    if (!body) {
      event.body = undefined
      return
    }
    if (typeof body !== 'string') throw createError(400, 'Request body is not a string')

    const { contentType, mediaType } = bodyFacts(request)
    if (mediaType === undefined || !accepts.includes(mediaType.kind)) {
      // Middy's createError only honours `cause` in its properties, so headers are set after.
      const error = createError(415, unsupportedReason(contentType, accepts))
      error.headers = unsupportedHeaders
      throw error
    }

    let text: string
    try {
      // The bytes with their Content-Encoding undone, when the request had one.
      const bytes = request.internal.decodedBody ?? body
      text = decodeBodyText(bytes, event.isBase64Encoded, mediaType.charset)
    } catch (error) {
      if (error instanceof BodyDecodeError) throw createError(400, error.message)
      throw error
    }
    event.isBase64Encoded = false
    // Nothing left once decoded (only a BOM, or compressed emptiness) is no body, as '' is.
    if (text === '') {
      event.body = undefined
      return
    }
    event.body = text

    if (mediaType.kind === 'json') {
      try {
        if (mayHoldForbiddenKey(text)) parseJson({ event })
        else event.body = JSON.parse(text)
      } catch (error) {
        // Without `cause`, which Middy fills with the key. Its messages are fixed texts; V8's
        // SyntaxError quotes the body.
        const middy = (error as { statusCode?: number } | null)?.statusCode !== undefined
        throw createError(
          400,
          middy ? (error as Error).message : 'Invalid or malformed JSON was provided',
        )
      }
      // Fewer characters than twice the limit cannot nest that deep.
      if (text.length > 2 * MAX_JSON_DEPTH && nestedDeeperThan(event.body, MAX_JSON_DEPTH)) {
        throw createError(400, `JSON nested deeper than ${MAX_JSON_DEPTH}`)
      }
    } else if (mediaType.kind === 'form') {
      if (tooManyPairs(text)) {
        throw createError(413, `Form has more than ${MAX_FORM_PAIRS} fields`)
      }
      if (mediaType.charset === 'utf-8') parseForm({ event })
      else {
        const decode = formDecoder(mediaType.charset)
        event.body = parseQuery(text, '&', '=', { decodeURIComponent: decode })
      }
    }
  }

  return { before: httpBodyParserBefore }
}
