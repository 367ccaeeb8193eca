/** A problem response's status: an integer 400–599 as it is, anything else 500. */
export const problemStatus = (status: unknown): number =>
  typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599
    ? status
    : 500

/**
 * The status the client gets for a thrown value, so that the WARN/ERROR line names it rather than
 * the error's own `statusCode`. @middy/http-error-handler keeps a statusCode only when `expose` is
 * truthy (default: statusCode < 500) and answers 500 otherwise; problem-details then applies
 * `problemStatus`.
 */
export const responseStatus = (error: unknown): number => {
  const { statusCode, expose }: { statusCode?: unknown; expose?: unknown } =
    (typeof error === 'object' && error) || {}
  if (typeof statusCode !== 'number') return 500
  const exposed = expose === undefined ? statusCode < 500 : Boolean(expose)
  return exposed ? problemStatus(statusCode) : 500
}
