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

// What Valibot ("… but received 3.5"), ArkType ("… (was 3.5)") and Zod ("…, received string") put
// before what they print of the received value, which runs to the end of the message.
const RECEIVED = /(?:^|\s+but|\s*[(,:])\s*(?:received|was|got)\b[\s:]*(.*?)\)?$/is

// A bare word printed there that is not the value itself is a type name ("string", "Array",
// "undefined"): it says what kind of value came, not which one.
const WORD = /^[a-z]+$/i

/**
 * The library's message without the rejected value, which can be a secret: Valibot, ArkType and
 * Zod end their messages with what they received. That ending is cut off whatever it prints (the
 * value quoted or not, coerced to a number first, a list's length), unless a type name; if
 * the value still shows (quoted, or a long string anywhere), only a generic text is left.
 */
export const safeDetail = (message: string, value: unknown): string => {
  const received = RECEIVED.exec(message)
  const text = typeof value === 'string' ? value : undefined
  const printed = received?.[1] ?? ''
  const detail =
    received && !(WORD.test(printed) && printed !== `${value ?? ''}`)
      ? message.slice(0, received.index)
      : message
  const leaks =
    text !== undefined &&
    (detail.includes(JSON.stringify(text)) || (text.length >= 8 && detail.includes(text)))
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
