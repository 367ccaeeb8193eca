// Checks real responses against what openapi.json documents for their operation: the status is
// documented, the media type is the documented one, the body validates against its schema and
// every documented header is sent with a value its schema allows.
import assert from 'node:assert/strict'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsPlugin from 'ajv-formats'
import type { HttpResult } from '../../src/lib/types.ts'

type Json = Record<string, unknown>

/** The parts of an OpenAPI document these tests read. */
export interface ResponseObject {
  description: string
  headers?: Record<string, { $ref?: string; required?: boolean; schema?: Json }>
  content?: Record<string, { schema: Json }>
}
export interface Operation {
  operationId: string
  parameters?: Json[]
  requestBody?: { required: boolean; content: Record<string, { schema: Json }> }
  responses: Record<string, ResponseObject>
}
export interface OpenApiDocument {
  openapi: string
  paths: Record<string, Record<string, Operation>>
  components: Json
}

const DOCUMENT_ID = 'https://openapi.invalid/openapi.json'

// ajv-formats is CommonJS whose default export TypeScript sees as the module namespace.
const addFormats = addFormatsPlugin as unknown as (ajv: Ajv2020) => Ajv2020

const pointerSegment = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1')

/** `(routeKey, response) => void`, asserting the response is one the document describes. */
export const responseChecker = (document: OpenApiDocument) => {
  // strict: false because the schemas sit inside an OpenAPI document, not a bare JSON Schema.
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema({ ...document, $id: DOCUMENT_ID })
  const compiled = new Map<string, ValidateFunction>()
  const validatorAt = (pointer: string[]): ValidateFunction => {
    const ref = `${DOCUMENT_ID}#/${pointer.map(pointerSegment).join('/')}`
    const known = compiled.get(ref)
    if (known) return known
    const validate = ajv.compile({ $ref: ref })
    compiled.set(ref, validate)
    return validate
  }

  return (routeKey: string, response: HttpResult): void => {
    const [method = '', routePath = ''] = routeKey.split(' ')
    const operation = document.paths[routePath]?.[method.toLowerCase()]
    assert.ok(operation, `${routeKey} is not in the document`)
    const status = String(response.statusCode)
    const documented = operation.responses[status]
    assert.ok(documented, `${routeKey} does not document status ${status}`)
    const base = ['paths', routePath, method.toLowerCase(), 'responses', status]

    const headers = Object.fromEntries(
      Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
    )
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      const value = headers[name]
      if (value === undefined && header.required === false) continue
      assert.ok(value !== undefined, `${routeKey} ${status}: documented header ${name} missing`)
      const check = header.$ref
        ? validatorAt([...header.$ref.slice(2).split('/'), 'schema'])
        : validatorAt([...base, 'headers', name, 'schema'])
      assert.ok(
        check(value),
        `${routeKey} ${status}: header ${name}: ${ajv.errorsText(check.errors)}`,
      )
    }

    const { content } = documented
    if (content === undefined) {
      assert.ok(!response.body, `${routeKey} ${status}: a body where none is documented`)
      return
    }
    const mediaType = (headers['content-type'] ?? '').split(';')[0]?.trim() ?? ''
    assert.ok(mediaType in content, `${routeKey} ${status}: ${mediaType} is not documented`)
    const check = validatorAt([...base, 'content', mediaType, 'schema'])
    const body: unknown = JSON.parse(response.body ?? 'null')
    assert.ok(
      check(body),
      `${routeKey} ${status}: body ${ajv.errorsText(check.errors)}: ${response.body}`,
    )
  }
}
