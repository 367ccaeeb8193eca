import { createError } from '@middy/util'
import type { HttpMiddleware } from '../lib/types.ts'

const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value

/**
 * Answers 400 for an invocation that is not an HTTP API event (`invoke local --data null`, a test
 * event of another service) before any later step dereferences it. Only what the chain relies on
 * is checked: an object whose body is a string or absent. A hand-written event without
 * `requestContext` still passes: every step reads that part optionally. The body of a GET, HEAD or
 * DELETE is dropped here, before any body step reads it.
 */
export const httpEventGuard = (): HttpMiddleware => {
  const httpEventGuardBefore: HttpMiddleware['before'] = (request) => {
    const { event } = request
    const kind = typeOf(event)
    const body: unknown = event?.body
    const wrong =
      kind !== 'object'
        ? `event is ${kind}`
        : typeof (body ?? '') !== 'string'
          ? `body is ${typeOf(body)}`
          : ''
    if (wrong) throw createError(400, `Not an API Gateway HTTP API event: ${wrong}`)
    // The chain ignores the body of a GET, HEAD or DELETE (RFC 9110 gives it no meaning; API Gateway
    // passes it on, serverless-offline drops it): the body steps, and the request log after them,
    // then measure, decode and parse none, and the business function sees none. OpenAPI's list,
    // BODYLESS_METHODS in scripts/openapi/document.ts, is held to this by a handler test.
    if (/^(GET|HEAD|DELETE)$/.test(event.requestContext?.http?.method)) {
      event.body = undefined
    }
  }

  return { before: httpEventGuardBefore }
}
