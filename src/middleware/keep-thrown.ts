import type { HttpMiddleware } from '../lib/types.ts'

/**
 * Keeps the value a request threw in `request.internal.thrown`. @middy/http-error-handler replaces
 * an unexposed error with a generic 500 before problemDetails runs, and the ERROR line must still
 * carry the original error and its stack.
 */
export const keepThrown = (): HttpMiddleware => {
  const keepThrownOnError: HttpMiddleware['onError'] = (request) => {
    request.internal.thrown = request.error
  }
  return { onError: keepThrownOnError }
}
