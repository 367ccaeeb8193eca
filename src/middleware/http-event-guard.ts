import { createError } from '@middy/util'
import type { HttpMiddleware } from '../lib/types.ts'

const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value

/**
 * Answers 400 for an invocation that is not an HTTP API event (`invoke local --data null`, a test
 * event of another service) before any later step dereferences it. Only what the chain relies on
 * is checked: an object whose body is a string or absent. A hand-written event without
 * `requestContext` still passes: every step reads that part optionally.
 */
export const httpEventGuard = (): HttpMiddleware => {
  const httpEventGuardBefore: HttpMiddleware['before'] = (request) => {
    const event: unknown = request.event
    let wrong = ''
    if (typeOf(event) !== 'object') wrong = `event is ${typeOf(event)}`
    else {
      const { body } = event as { body?: unknown }
      if (body !== undefined && body !== null && typeof body !== 'string') {
        wrong = `body is ${typeOf(body)}`
      }
    }
    if (wrong) throw createError(400, `Not an API Gateway HTTP API event: ${wrong}`)
  }

  return { before: httpEventGuardBefore }
}
