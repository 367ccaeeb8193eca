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

// What Valibot ("… but received 3.5", "Received: …") and ArkType ("… (was 3.5)") put before the
// value they print at the end of a message.
const PRINTED_AFTER = /[\s:,(]*\b(?:but\s+)?(?:received|was|got)\b[\s:]*$/i

// The kinds of value a message can print as they are.
const PRINTABLE = ['string', 'number', 'bigint', 'boolean']

/**
 * The library's message without the rejected value, which can be a secret: Valibot and ArkType end
 * their messages with it. A value printed there is cut off with the words that introduce it; if the
 * value still shows (quoted, or a long string anywhere), only a generic text is left.
 */
export const safeDetail = (message: string, value: unknown): string => {
  const kind = typeof value
  if (!PRINTABLE.includes(kind)) return message
  const text = String(value)
  const quoted = kind === 'string' ? [JSON.stringify(value), `"${text}"`] : []
  let detail = message
  const end = detail.endsWith(')') ? detail.length - 1 : detail.length
  for (const printed of kind === 'string' ? quoted : [text]) {
    const head = detail.slice(0, end - printed.length)
    if (detail.startsWith(printed, head.length) && PRINTED_AFTER.test(head)) {
      detail = head.replace(PRINTED_AFTER, '')
      break
    }
  }
  const leaks =
    quoted.some((q) => detail.includes(q)) ||
    (kind === 'string' && text.length >= 8 && detail.includes(text))
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
