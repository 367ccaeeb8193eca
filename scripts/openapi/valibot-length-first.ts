// Valibot validates a pipe's schema before its actions, so a list bounded the cheap way checks its
// length on a first, item-less schema: `v.pipe(v.array(v.unknown()), v.maxLength(n), v.array(Item))`
// (scripts/lib/bounded-input.ts). To a client that is one list of Items, but the converter's input
// mode stops at a pipe's second schema and would document items of any kind. It is given the same
// pipe as `v.pipe(v.array(Item), v.maxLength(n))`, which describes the same values.

type Node = { readonly [key: string]: unknown }

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !(value instanceof RegExp)

// Where a Valibot schema holds other schemas: one, a record of them, or a list of them.
const ONE = ['item', 'wrapped', 'key', 'value', 'rest'] as const
const RECORD = ['entries'] as const
const LIST = ['options', 'items', 'pipe'] as const

const ANYTHING = new Set(['unknown', 'any'])

const isSchema = (value: unknown): value is Node => isNode(value) && value.kind === 'schema'

/** A list or record schema of anything, followed later in its pipe by one of the same type. */
const isGuard = (first: unknown, next: unknown): boolean => {
  if (!isSchema(first) || !isSchema(next) || first.type !== next.type) return false
  const inner = first.type === 'array' ? first.item : first.type === 'record' ? first.value : null
  return isNode(inner) && ANYTHING.has(String(inner.type))
}

/** A guarded pipe as its second schema followed by every action, in order. */
const withoutGuard = (pipe: readonly unknown[]): readonly unknown[] => {
  const next = pipe.findIndex((item, i) => i > 0 && isSchema(item))
  return next !== -1 && isGuard(pipe[0], pipe[next])
    ? [pipe[next], ...pipe.filter((_, i) => i !== 0 && i !== next)]
    : pipe
}

/** The schema with every length-guarded pipe turned into one schema and its actions. */
export const lengthFirstAsOne = <T>(schema: T, seen = new Map<unknown, unknown>()): T => {
  if (!isNode(schema)) return schema
  const known = seen.get(schema)
  if (known) return known as T
  seen.set(schema, schema)
  const copy: Record<string, unknown> = { ...schema }
  let changed = false
  const put = (key: string, value: unknown) => {
    changed ||= value !== schema[key]
    copy[key] = value
  }
  for (const key of ONE) if (key in schema) put(key, lengthFirstAsOne(schema[key], seen))
  for (const key of RECORD) {
    const entries = schema[key]
    if (!isNode(entries)) continue
    const mapped = Object.entries(entries).map(([k, value]) => [k, lengthFirstAsOne(value, seen)])
    if (mapped.some(([k, value]) => value !== entries[k as string])) {
      put(key, Object.fromEntries(mapped))
    }
  }
  for (const key of LIST) {
    const list = schema[key]
    if (!Array.isArray(list)) continue
    const items = (key === 'pipe' ? withoutGuard(list) : list).map((item) =>
      lengthFirstAsOne(item, seen),
    )
    if (items.length !== list.length || items.some((item, i) => item !== list[i])) put(key, items)
  }
  const result = changed ? (copy as T) : schema
  seen.set(schema, result)
  return result
}
