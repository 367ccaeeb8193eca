// Why `npm run openapi` could not describe a schema, said where the user can act on it: a
// converter's own error (`The "trim" action cannot be converted to JSON Schema.`) names neither
// the handler nor the route. Run only after the document failed, so it costs nothing otherwise.
import type { EndpointDescription } from '../../src/http/endpoint.ts'
import { loadHandler } from '../lib/function-module.ts'
import type { FunctionConfig } from '../lib/serverless-config.ts'
import { successStatuses } from './document.ts'
import { toJsonSchema } from './json-schema.ts'

/** What a user can do about a schema openapi.json cannot describe. */
export const CONVERSION_ADVICE =
  'openapi.json describes every request and response schema in JSON Schema. Keep in the schema ' +
  'only checks JSON Schema can express (types, lengths, ranges, patterns, formats) and do the ' +
  'rest in the business function: trim or reshape the validated value there, e.g. ' +
  '`body.name.trim()` instead of `v.trim()`. A library without a JSON Schema converter cannot ' +
  'describe its schemas at all: use one that implements Standard JSON Schema, or Valibot.'

const schemasOf = (endpoint: EndpointDescription): [string, unknown][] => [
  ['request body', endpoint.schemas.body],
  ['query', endpoint.schemas.query],
  ['path', endpoint.schemas.path],
  ...[...successStatuses(endpoint)].map(([status, { body }]): [string, unknown] => [
    `${status} response body`,
    body,
  ]),
]

/**
 * One line per schema that cannot be converted, naming the handler file, function, routes and
 * which schema: `src/handlers/books.ts (createBook, POST /books): request body schema: The "trim"
 * action cannot be converted to JSON Schema.`
 */
export const schemaProblems = async (
  functions: readonly FunctionConfig[],
  root: string,
): Promise<string[]> => {
  const problems: string[] = []
  for (const fn of functions) {
    if (fn.routes.length === 0) continue
    const endpoint = (await loadHandler(fn, root))?.endpoint
    if (!endpoint) continue
    const where = `${fn.module} (${fn.name}, ${fn.routes.map((route) => route.routeKey).join(', ')})`
    for (const [what, schema] of schemasOf(endpoint)) {
      if (!schema) continue
      try {
        await toJsonSchema(schema as Parameters<typeof toJsonSchema>[0], 'input')
      } catch (error) {
        problems.push(`${where}: ${what} schema: ${(error as Error).message}`)
      }
    }
  }
  return problems
}
