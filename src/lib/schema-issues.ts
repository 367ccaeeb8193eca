import type { StandardSchemaV1 } from '@standard-schema/spec'

/** Where a request failed validation: the body (`pointer`) or a query or path `parameter`. */
export type InvalidField =
  | { pointer: string; detail: string }
  | { in: 'query' | 'path'; parameter?: string; detail: string }

/** A 422 lists at most this many fields, so a huge invalid body cannot make a huge response. */
export const MAX_INVALID_FIELDS = 50

type Path = StandardSchemaV1.Issue['path']

const keyOf = (segment: PropertyKey | StandardSchemaV1.PathSegment): string =>
  String(typeof segment === 'object' ? segment.key : segment)

/** RFC 6901 JSON Pointer: `~` and `/` in a key are escaped as `~0` and `~1`. */
export const jsonPointer = (path: Path): string =>
  (path ?? []).map((s) => `/${keyOf(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('')

const valueAt = (input: unknown, path: Path): unknown => {
  let value = input
  for (const segment of path ?? []) {
    const key = keyOf(segment)
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

// "… but received", "(was", "Received:" left behind once the value is cut off.
const DANGLING = /[\s:,("']*(?:(?:but\s+)?received|was|got)?[\s:,("']*$/i

/**
 * The library's message without the rejected value, which can be a secret: Valibot ends its
 * messages with `but received "…"` and ArkType with `(was "…")`. A value printed at the end is cut
 * off; a string value still found in what is left leaves only a generic text.
 */
export const safeDetail = (message: string, value: unknown): string => {
  const kind = typeof value
  if (kind !== 'string' && kind !== 'number' && kind !== 'bigint' && kind !== 'boolean') {
    return message
  }
  const text = String(value)
  let detail = message
  for (const printed of kind === 'string' ? [JSON.stringify(value), `"${text}"`, text] : [text]) {
    const end = detail.endsWith(`${printed})`) ? detail.length - 1 : detail.length
    const start = end - printed.length
    // Only a whole token: the value 0 must not be cut out of "at least 10".
    if (printed && detail.startsWith(printed, start) && !/\w/.test(detail[start - 1] ?? ' ')) {
      detail = detail.slice(0, start).replace(DANGLING, '')
    }
  }
  const leaks = kind === 'string' && text.length >= 4 && detail.includes(text)
  return leaks || detail === '' ? 'Invalid value' : detail
}

/** Standard Schema issues as RFC 9457 `errors` entries for the part of the request they are about. */
export const invalidFields = (
  issues: readonly StandardSchemaV1.Issue[],
  part: 'body' | 'query' | 'path',
  input: unknown,
): InvalidField[] =>
  issues.map(({ message, path }) => {
    const detail = safeDetail(message, valueAt(input, path))
    if (part === 'body') return { pointer: jsonPointer(path), detail }
    const first = path?.[0]
    return first === undefined
      ? { in: part, detail }
      : { in: part, parameter: keyOf(first), detail }
  })
