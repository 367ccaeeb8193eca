import type { Request } from '@middy/core'
import { bodyByteLength } from './body.ts'
import { getHeader } from './headers.ts'
import { parseMediaType } from './media-type.ts'
import type { BodyFacts, HttpEvent, HttpInternal } from './types.ts'

/**
 * Size, Content-Type, media type and Content-Encoding of the request body, computed by whichever
 * middleware asks first and kept in `request.internal.body`, so the request log, the body limit,
 * the content decoder and the parser read one set of facts and none of them depends on another
 * having run. Taken from the raw event: the parser later replaces the body and clears
 * `isBase64Encoded`.
 */
export const bodyFacts = (
  request: Pick<Request<HttpEvent>, 'event'> & { internal: HttpInternal },
): BodyFacts => {
  const { internal } = request
  if (internal.body) return internal.body
  // Object(): the request log asks before the event guard has refused a null or primitive event.
  const { body, headers, isBase64Encoded }: Partial<HttpEvent> = Object(request.event)
  const contentType = getHeader(headers, 'content-type')
  internal.body = {
    bytes: typeof body === 'string' ? bodyByteLength(body, isBase64Encoded) : 0,
    contentType,
    contentEncoding: getHeader(headers, 'content-encoding'),
    mediaType: contentType === undefined ? undefined : parseMediaType(contentType),
  }
  return internal.body
}
