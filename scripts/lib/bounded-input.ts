// A request body schema must bound the work a body can cause. The byte limit alone does not: a
// 1 MiB list of `null`s is 500,000 items, and a schema that reports each invalid one builds half a
// million issues (seconds of CPU, hundreds of MiB) before the 422 is written. So every list and
// record in a body schema needs a maximum, and that maximum must be checked before the items are.
// Zod (`.max(n)`) and ArkType (`.atMostLength(n)`) check a list's length first; Valibot validates
// a pipe's schema before its actions, so there the bound goes on a first, item-less schema:
// `v.pipe(v.array(v.unknown()), v.maxLength(n), v.array(Item))`.
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { type JsonSchema, toJsonSchema } from '../openapi/json-schema.ts'

type Where = (string | number)[]

const pointer = (where: Where): string => (where.length === 0 ? 'the body' : `/${where.join('/')}`)

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const SUBSCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const

type Bounded = { where: Where; max: number; list: boolean }

/**
 * Every list without `maxItems` and every record without `maxProperties` in a JSON Schema, and
 * the bounded ones a probe can reach through plain properties.
 */
const walk = (
  schema: JsonSchema,
  where: Where,
  reachable: boolean,
  found: { unbounded: string[]; bounded: Bounded[] },
): void => {
  const open = schema.additionalProperties ?? schema.patternProperties
  if ((schema.type === 'array' || 'items' in schema) && typeof schema.maxItems !== 'number') {
    found.unbounded.push(`${pointer(where)} is a list without a maximum length`)
  } else if (reachable && typeof schema.maxItems === 'number') {
    found.bounded.push({ where, max: schema.maxItems, list: true })
  }
  if (isSchema(open) && typeof schema.maxProperties !== 'number') {
    found.unbounded.push(`${pointer(where)} is a record without a maximum number of keys`)
  } else if (isSchema(open) && reachable && typeof schema.maxProperties === 'number') {
    found.bounded.push({ where, max: schema.maxProperties, list: false })
  }
  if (isSchema(schema.properties)) {
    for (const [key, sub] of Object.entries(schema.properties)) {
      if (isSchema(sub)) walk(sub, [...where, key], reachable, found)
    }
  }
  if (isSchema(schema.items)) walk(schema.items, [...where, '*'], false, found)
  if (isSchema(open)) walk(open, [...where, '*'], false, found)
  for (const list of SUBSCHEMA_LISTS) {
    const subs = schema[list]
    if (Array.isArray(subs))
      for (const sub of subs) if (isSchema(sub)) walk(sub, where, false, found)
  }
  if (isSchema(schema.$defs)) {
    for (const [name, sub] of Object.entries(schema.$defs)) {
      if (isSchema(sub)) walk(sub, ['$defs', name], false, found)
    }
  }
}

const at = (where: Where, value: unknown): unknown =>
  where.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value)

const keyOf = (segment: PropertyKey | StandardSchemaV1.PathSegment): PropertyKey =>
  typeof segment === 'object' ? segment.key : segment

/**
 * Sends a list (or record) one item past its maximum, every item `null`: a schema that checks the
 * length first reports the list, one that checks the items first an issue inside it.
 */
const checksItemsFirst = async (schema: StandardSchemaV1, { where, max, list }: Bounded) => {
  const items = Array.from({ length: max + 1 }, () => null)
  const value = list ? items : Object.fromEntries(items.map((item, i) => [`k${i}`, item]))
  const result = await schema['~standard'].validate(at(where, value))
  return (result.issues ?? []).some(
    ({ path = [] }) =>
      path.length > where.length &&
      where.every((key, i) => String(keyOf(path[i] ?? '')) === String(key)),
  )
}

/** What makes a request body schema's validation cost unbounded; empty when nothing does. */
export const unboundedInput = async (schema: StandardSchemaV1): Promise<string[]> => {
  const found = { unbounded: [] as string[], bounded: [] as Bounded[] }
  walk(await toJsonSchema(schema, 'input'), [], true, found)
  for (const bounded of found.bounded) {
    if (await checksItemsFirst(schema, bounded)) {
      found.unbounded.push(
        `${pointer(bounded.where)} is checked item by item before its length (Valibot: ` +
          'v.pipe(v.array(v.unknown()), v.maxLength(n), v.array(Item)))',
      )
    }
  }
  return found.unbounded
}
