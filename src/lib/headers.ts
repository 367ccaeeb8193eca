/**
 * Reads a request header whatever its casing. API Gateway v2 lower-cases names, but hand-written
 * events (tests, `invoke local`, other proxies) do not, and a header must not vanish because of it.
 */
export const getHeader = (
  headers: Readonly<Record<string, string | undefined>> | null | undefined,
  name: string,
): string | undefined => {
  if (!headers) return undefined
  const wanted = name.toLowerCase()
  if (Object.hasOwn(headers, wanted)) return headers[wanted]
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === wanted) return headers[key]
  }
  return undefined
}
