/**
 * A header value as the service reads it. API Gateway sends strings; VPC Lattice sends arrays,
 * read by HTTP list rules (RFC 9110 §5.3: repeated field lines join with ", "); anything else a
 * hand-written event may hold (a number, null, an object) counts as absent, never as a crash.
 */
const headerText = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value
  if (!Array.isArray(value)) return undefined
  const lines = value.filter((line) => typeof line === 'string')
  return lines.length === 0 ? undefined : lines.join(', ')
}

/**
 * Reads a request header whatever its casing. API Gateway v2 lower-cases names, but hand-written
 * events (tests, `invoke local`, other proxies) do not, and a header must not vanish because of it.
 */
export const getHeader = (headers: unknown, name: string): string | undefined => {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return undefined
  const map = headers as Readonly<Record<string, unknown>>
  const wanted = name.toLowerCase()
  if (Object.hasOwn(map, wanted)) return headerText(map[wanted])
  // Most lookups miss (Content-Encoding is rarely sent): comparing lengths first keeps a miss
  // from lower-casing every header name.
  for (const key of Object.keys(map)) {
    if (key.length === wanted.length && key.toLowerCase() === wanted) return headerText(map[key])
  }
  return undefined
}
