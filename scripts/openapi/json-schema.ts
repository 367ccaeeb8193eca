// Standard Schema → JSON Schema (draft 2020-12, OpenAPI 3.1's dialect) with the schema library's
// own converter: through the Standard JSON Schema interface where the library implements it (Zod 4,
// ArkType 2), else the library's converter package (Valibot: @valibot/to-json-schema).
import type { StandardJSONSchemaV1, StandardSchemaV1 } from '@standard-schema/spec'
import type { BaseIssue, PipeAction } from 'valibot'
import { lengthFirstAsOne } from './valibot-length-first.ts'

export type JsonSchema = Record<string, unknown>

/** Which side of a schema's transforms to describe: what is sent (`input`) or what comes out. */
export type Io = 'input' | 'output'

const TARGET = 'draft-2020-12'

const hasJsonSchema = (
  props: StandardSchemaV1.Props,
): props is StandardSchemaV1.Props & StandardJSONSchemaV1.Props =>
  typeof (props as Partial<StandardJSONSchemaV1.Props>).jsonSchema === 'object'

// Converters mark their dialect; in an OpenAPI 3.1 document 2020-12 is the default already.
const withoutDialect = ({ $schema: _, ...schema }: JsonSchema): JsonSchema => schema

/**
 * Marks what a Valibot transform made, whose type nothing after it tells: the output side of such a
 * schema cannot be described (see `describesOutput`).
 */
const TRANSFORMED = '~transformed'

type ValibotConfig = NonNullable<
  Parameters<typeof import('@valibot/to-json-schema').toJsonSchema>[1]
>

/**
 * Valibot's converter cannot see through `transform(fn)`: it does not know what `fn` returns, and
 * stops there. The pipe can say it: a `toNumber()` makes a number, and a value check after the
 * transform with a numeric requirement (`minValue(1)`, `maxValue(100)`) acts on a number, as
 * Valibot's types require its requirement to have the value's type. So a query parameter written
 * `v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number), v.minValue(1), v.maxValue(100))` has
 * the output `{ type: 'number', minimum: 1, maximum: 100 }`. Nothing is guessed: a transform that
 * no numeric check follows stays marked, and its output is not described.
 */
const throughTransforms = (
  convert: typeof import('@valibot/to-json-schema').toJsonSchema,
  v: typeof import('valibot'),
  config: ValibotConfig,
): ValibotConfig['overrideAction'] => {
  const KNOWN: Readonly<Record<string, JsonSchema>> = {
    to_number: { type: 'number' },
    to_boolean: { type: 'boolean' },
    to_string: { type: 'string' },
  }
  return ({ valibotAction, jsonSchema, errors }) => {
    if (!errors) return undefined
    if (valibotAction.kind === 'transformation') {
      return KNOWN[valibotAction.type] ?? { [TRANSFORMED]: true }
    }
    const { requirement } = valibotAction as { requirement?: unknown }
    if ((jsonSchema as JsonSchema)[TRANSFORMED] !== true || typeof requirement !== 'number') {
      return undefined
    }
    // A number followed by this check, converted by Valibot itself.
    const check = valibotAction as PipeAction<number, number, BaseIssue<unknown>>
    const { $schema: _, ...converted } = convert(v.pipe(v.number(), check), config)
    return converted
  }
}

/** Whether a converted output schema describes its value everywhere (no opaque transform in it). */
export const describesOutput = (schema: unknown): boolean =>
  !JSON.stringify(schema ?? null).includes(`"${TRANSFORMED}"`)

export const toJsonSchema = async (schema: StandardSchemaV1, io: Io): Promise<JsonSchema> => {
  const props = schema['~standard']
  if (hasJsonSchema(props)) return withoutDialect(props.jsonSchema[io]({ target: TARGET }))
  if (props.vendor === 'valibot') {
    const { toJsonSchema: convert } = await import('@valibot/to-json-schema')
    const config: ValibotConfig = { target: TARGET, typeMode: io, errorMode: 'throw' }
    const overrideAction =
      io === 'output' ? throughTransforms(convert, await import('valibot'), config) : undefined
    // The vendor tag says this is a Valibot schema; its types cannot be recovered from Standard
    // Schema's, hence the cast.
    const converted = convert(lengthFirstAsOne(schema) as Parameters<typeof convert>[0], {
      ...config,
      overrideAction,
    })
    return withoutDialect(converted as JsonSchema)
  }
  throw new Error(
    `No JSON Schema converter for '${props.vendor}' schemas: use a library that implements ` +
      'Standard JSON Schema (https://standardschema.dev/json-schema)',
  )
}

/** Whether a request body schema accepts a missing body (then OpenAPI's `required` is false). */
export const acceptsUndefined = async (schema: StandardSchemaV1): Promise<boolean> => {
  const result = await schema['~standard'].validate(undefined)
  return result.issues === undefined
}
