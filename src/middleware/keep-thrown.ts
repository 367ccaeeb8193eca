import { HttpError } from '@middy/util'
import type { HttpMiddleware } from '../lib/types.ts'

/**
 * Keeps the value a request threw in `request.internal.thrown`, for problemDetails' log line, and
 * hands @middy/http-error-handler an error without a status (its 500) in place of anything not
 * made by `createError`: the stock handler exposes any thrown object's `statusCode`, message and
 * `headers`, so an HTTP client's or SDK's error would send the upstream's 403, its `set-cookie`
 * and its message to the client.
 */
export const keepThrown = (): HttpMiddleware => {
  const keepThrownOnError: HttpMiddleware['onError'] = (request) => {
    request.internal.thrown = request.error
    if (!(request.error instanceof HttpError)) request.error = new Error()
  }
  return { onError: keepThrownOnError }
}
