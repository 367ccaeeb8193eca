// Standard Schema → JSON Schema (draft 2020-12, OpenAPI 3.1's dialect) with the schema library's
// own converter: through the Standard JSON Schema interface where the library implements it (Zod 4,
// ArkType 2), else the library's converter package (Valibot: @valibot/to-json-schema).
import type { StandardJSONSchemaV1, StandardSchemaV1 } from '@standard-schema/spec'
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

export const toJsonSchema = async (schema: StandardSchemaV1, io: Io): Promise<JsonSchema> => {
  const props = schema['~standard']
  if (hasJsonSchema(props)) return withoutDialect(props.jsonSchema[io]({ target: TARGET }))
  if (props.vendor === 'valibot') {
    const valibot = await import('@valibot/to-json-schema')
    // The vendor tag says this is a Valibot schema; its types cannot be recovered from Standard
    // Schema's, hence the cast.
    const valibotSchema = lengthFirstAsOne(schema) as Parameters<typeof valibot.toJsonSchema>[0]
    const converted = valibot.toJsonSchema(valibotSchema, {
      target: TARGET,
      typeMode: io,
      errorMode: 'throw',
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
