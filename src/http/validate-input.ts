import { createError } from '@middy/util'
import { type InvalidField, invalidFields, MAX_INVALID_FIELDS } from '../lib/schema-issues.ts'
import type { HttpEvent } from '../lib/types.ts'
import type { Schema } from './endpoint.ts'

const PARTS = ['path', 'query', 'body'] as const
type Part = (typeof PARTS)[number]

/** The parts of a request the schemas look at; validation replaces each with its schema's output. */
export type RequestParts = Record<Part, unknown>

/**
 * The validation step for an endpoint's schemas, or undefined when it declares none, so an
 * endpoint without schemas pays nothing. Every schema runs, so one 422 lists every invalid field
 * of path, query and body. Standard Schema lets a schema be asynchronous, hence the promise.
 */
export const createValidator = (
  schemas: Partial<Record<Part, Schema>>,
): ((parts: RequestParts) => Promise<RequestParts>) | undefined => {
  const checks = PARTS.flatMap((part) => {
    const schema = schemas[part]
    return schema ? [[part, schema] as const] : []
  })
  if (checks.length === 0) return undefined

  return async (parts) => {
    const valid = { ...parts }
    const fields: InvalidField[] = []
    let count = 0
    for (const [part, schema] of checks) {
      const result = await schema['~standard'].validate(parts[part])
      if (!result.issues) {
        valid[part] = result.value
        continue
      }
      // Only the listed issues are mapped, and pushed one by one: a body of many invalid items can
      // bring hundreds of thousands, too many to map or to spread as arguments.
      count += result.issues.length
      const listed = result.issues.slice(0, MAX_INVALID_FIELDS - fields.length)
      for (const field of invalidFields(listed, part, parts[part])) fields.push(field)
    }
    if (count === 0) return valid
    const counted = `${count} field${count === 1 ? '' : 's'}`
    const listed = count > MAX_INVALID_FIELDS ? ` (the first ${MAX_INVALID_FIELDS} are listed)` : ''
    // Middy's createError only honours `cause` in its properties, so the list is set after.
    throw Object.assign(createError(422, `${counted} failed validation${listed}`), {
      errors: fields,
    })
  }
}

const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({})

/** The parts of a parsed event, before validation. */
export const partsOf = (event: HttpEvent): RequestParts => ({
  body: event.body,
  query: event.queryStringParameters ?? NO_PARAMS,
  path: event.pathParameters ?? NO_PARAMS,
})
