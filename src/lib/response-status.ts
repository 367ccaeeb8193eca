/**
 * The status the client gets for a thrown value, so that the WARN/ERROR line names it rather than
 * the error's own `statusCode`. @middy/http-error-handler keeps a statusCode only when `expose` is
 * truthy (default: statusCode < 500) and answers 500 otherwise; problem-details then turns any
 * status that is not an integer 400–599 into 500.
 */
export const responseStatus = (error: unknown): number => {
  const { statusCode, expose }: { statusCode?: unknown; expose?: unknown } =
    (typeof error === 'object' && error) || {}
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode)) return 500
  const exposed = expose === undefined ? statusCode < 500 : Boolean(expose)
  return exposed && statusCode >= 400 && statusCode <= 599 ? statusCode : 500
}
