/**
 * Reads a request header whatever its casing. API Gateway v2 lower-cases names, but hand-written
 * events (tests, `invoke local`, other proxies) do not, and a header must not vanish because of it.
 */
export const getHeader = (
  headers: Readonly<Record<string, string | undefined>> | null | undefined,
  name: string,
): string | undefined => {
  if (!headers) return undefined
  const exact = headers[name]
  if (exact !== undefined) return exact
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === name) return headers[key]
  }
  return undefined
}
