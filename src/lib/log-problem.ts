import type { Logger } from '@aws-lambda-powertools/logger'

/** The fields a thrown value may carry; none for a primitive. */
export const fieldsOf = (
  error: unknown,
): { statusCode?: unknown; errors?: unknown; expose?: unknown; message?: unknown } =>
  typeof error === 'object' && error !== null ? error : {}

// Where each invalid field of a 422 is, never what it held or the library's words about it.
const locations = (errors: unknown): unknown[] | undefined =>
  Array.isArray(errors)
    ? errors.map((field: unknown) => {
        const { pointer, in: part, parameter } = fieldsOf(field) as Record<string, unknown>
        return pointer === undefined ? { in: part, parameter } : { pointer }
      })
    : undefined

/** Text for any thrown value; must not throw itself (a null-prototype object has no toString). */
const describe = (value: unknown): string => {
  if (typeof value === 'object' && value !== null) {
    const { message } = value as { message?: unknown }
    return value instanceof Error || typeof message === 'string' ? (message as string) : 'object'
  }
  try {
    return String(value)
  } catch {
    return typeof value
  }
}

/**
 * The one log line of a problem response, at the status the client gets (`status`, settled by the
 * chain before this is called). Client errors are expected traffic: one WARN line with the reason
 * and no stack. Anything else is a defect: one ERROR line with the stack. `cause` is dropped from
 * client errors because Middy's parsers put the raw request body there.
 */
export const logProblem = (logger: Logger, status: number, error: unknown): void => {
  if (status < 500) {
    const invalid = locations(fieldsOf(error).errors)
    logger.warn('request rejected', {
      status,
      reason: describe(error),
      ...(invalid && { errors: invalid }),
    })
    return
  }
  const thrown = error instanceof Error ? error : new Error(`Non-error thrown: ${describe(error)}`)
  logger.error('request failed', { status, error: thrown })
}
