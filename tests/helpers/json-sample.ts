// Values built from a JSON Schema of an OpenAPI document, for requests a check makes from the
// document alone: a valid sample of a request part, and a value the schema refuses. Both are
// judged by Ajv against the same schema, so a sample that this small generator gets wrong is
// dropped rather than sent as valid.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsPlugin from 'ajv-formats'
import fc from 'fast-check'

type Json = Record<string, unknown>

const DOCUMENT_ID = 'https://openapi.invalid/request.json'

// ajv-formats is CommonJS whose default export TypeScript sees as the module namespace.
const addFormats = addFormatsPlugin as unknown as (ajv: Ajv2020) => Ajv2020

const FORMATS: Readonly<Record<string, string>> = {
  email: 'contract@example.com',
  uri: 'https://example.com/contract',
  url: 'https://example.com/contract',
  uuid: '3f1c2a9e-4b7d-4e2a-9c1f-0a5b6c7d8e9f',
  'date-time': '2026-11-29T13:00:00Z',
  date: '2026-11-29',
  time: '13:00:00Z',
  ipv4: '203.0.113.10',
  ipv6: '2001:db8::1',
  hostname: 'example.com',
}

const TRIES = 12

/** Samples and validators for the schemas of one OpenAPI document. */
export const schemaSampler = (document: Json) => {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema({ ...document, $id: DOCUMENT_ID })
  const compiled = new WeakMap<Json, ValidateFunction>()

  const resolve = (schema: Json): Json => {
    const ref = schema.$ref
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema
    let node: unknown = document
    for (const key of ref.slice(2).split('/')) {
      node = (node as Json | undefined)?.[key.replaceAll('~1', '/').replaceAll('~0', '~')]
    }
    return resolve((node ?? {}) as Json)
  }

  /** Whether `value` is valid under `schema` (whose `$ref`s point into the document). */
  const accepts = (schema: Json, value: unknown): boolean => {
    let validate = compiled.get(schema)
    if (!validate) {
      // The schema's `#/…` references point into the document it came from.
      validate = ajv.compile(
        JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${DOCUMENT_ID}#/`)),
      )
      compiled.set(schema, validate)
    }
    return validate(value)
  }

  const stringOf = (schema: Json, seed: number): string => {
    const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined
    let text = format ?? 'contract'
    if (typeof schema.pattern === 'string') {
      // The shortest matches first, as a property test shrinks to them: small ids like `n1` are
      // the likeliest to name something that exists, so a valid request may reach a success.
      const matches = fc.sample(fc.stringMatching(new RegExp(schema.pattern)), {
        numRuns: 60,
        seed: 42,
      })
      const simplest = [...new Set(matches)].sort((a, b) => a.length - b.length || (a < b ? -1 : 1))
      text = simplest[seed % simplest.length] ?? text
    }
    const min = typeof schema.minLength === 'number' ? schema.minLength : 0
    const max = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY
    if (text.length < min) text = text.padEnd(min, 'a')
    return text.slice(0, max)
  }

  const numberOf = (schema: Json, integer: boolean): number => {
    const low = [schema.minimum, schema.exclusiveMinimum].find((n) => typeof n === 'number')
    const high = [schema.maximum, schema.exclusiveMaximum].find((n) => typeof n === 'number')
    let n = typeof low === 'number' ? low + (low === schema.exclusiveMinimum ? 1 : 0) : 1
    if (typeof high === 'number' && n > high) n = high - (high === schema.exclusiveMaximum ? 1 : 0)
    if (typeof schema.multipleOf === 'number')
      n = Math.ceil(n / schema.multipleOf) * schema.multipleOf
    return integer ? Math.ceil(n) : n
  }

  const build = (raw: Json, seed: number, depth: number): unknown => {
    const schema = resolve(raw)
    if (depth > 8) return null
    if ('const' in schema) return schema.const
    if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0]
    if ('example' in schema) return schema.example
    if (Array.isArray(schema.enum)) return schema.enum[seed % schema.enum.length]
    if ('default' in schema && seed === 0) return schema.default
    const choices = (schema.anyOf ?? schema.oneOf) as Json[] | undefined
    if (Array.isArray(choices) && choices.length > 0) {
      return build(choices[seed % choices.length] ?? {}, seed, depth + 1)
    }
    if (Array.isArray(schema.allOf)) {
      const parts = schema.allOf.map((part: Json) => build(part, seed, depth + 1))
      const objects = parts.filter((part) => typeof part === 'object' && part !== null)
      return objects.length > 0 ? Object.assign({}, ...objects) : parts[0]
    }
    const types = Array.isArray(schema.type) ? schema.type : [schema.type]
    const type =
      types.find((t) => t !== 'null' && t !== undefined) ?? (schema.properties ? 'object' : 'null')
    switch (type) {
      case 'string':
        return stringOf(schema, seed)
      case 'integer':
      case 'number':
        return numberOf(schema, type === 'integer')
      case 'boolean':
        return seed % 2 === 0
      case 'array': {
        const count = Math.max(typeof schema.minItems === 'number' ? schema.minItems : 0, 1)
        const items = (schema.items ?? {}) as Json
        return Array.from({ length: count }, (_, i) => build(items, seed + i, depth + 1))
      }
      case 'object': {
        const properties = (schema.properties ?? {}) as Record<string, Json>
        const required = new Set(Array.isArray(schema.required) ? schema.required : [])
        // Every other try fills the optional properties too, to reach their constraints.
        return Object.fromEntries(
          Object.entries(properties)
            .filter(([name]) => required.has(name) || seed % 2 === 1)
            .map(([name, property]) => [name, build(property, seed, depth + 1)]),
        )
      }
      default:
        return schema.type === undefined && !schema.properties ? {} : null
    }
  }

  /** Up to `count` different values `schema` accepts (none when no try is accepted). */
  const valid = (schema: Json, count = 1): unknown[] => {
    const found = new Map<string, unknown>()
    for (let seed = 0; seed < TRIES * count && found.size < count; seed++) {
      const value = build(schema, seed, 0)
      if (accepts(schema, value)) found.set(JSON.stringify(value), value)
    }
    return [...found.values()]
  }

  /** The first of `candidates` that `schema` refuses, or undefined. */
  const invalid = (schema: Json, candidates: readonly unknown[]): unknown =>
    candidates.find((value) => !accepts(schema, value))

  return { valid, invalid, accepts, resolve }
}
