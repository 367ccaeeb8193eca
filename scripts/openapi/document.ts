// Builds openapi.json from the two places that define the API: serverless.yml (which functions,
// methods and paths) and each handler's endpoint declaration (body kinds, schemas, success status
// and headers). Problem responses are the ones the chain can give, all one ProblemDetails schema.
import { readFileSync } from 'node:fs'
import { STATUS_CODES } from 'node:http'
import path from 'node:path'
import type {
  Documented,
  EndpointDescription,
  HeaderDeclaration,
  ResponseDeclaration,
  Schema,
} from '../../src/http/endpoint.ts'
import { SECURITY_HEADERS } from '../../src/http/index.ts'
import { bodySchemaOf } from '../../src/http/reply.ts'
import { acceptPostFor, type BodyKind, MEDIA_TYPES_OF } from '../../src/lib/media-type.ts'
import { MAX_INVALID_FIELDS } from '../../src/lib/schema-issues.ts'
import { CONTENT_CODINGS } from '../../src/middleware/http-content-decoding.ts'
import { loadHandler } from '../lib/function-module.ts'
import {
  type FunctionConfig,
  type Route,
  readServerlessConfig,
  type ServerlessConfig,
  stageParams,
} from '../lib/serverless-config.ts'
import { projectRoot } from '../lib/sls.ts'
import { acceptsUndefined, describesOutput, type JsonSchema, toJsonSchema } from './json-schema.ts'

export const OPENAPI_FILE = 'openapi.json'

type Json = Record<string, unknown>

const PROBLEM = { $ref: '#/components/schemas/ProblemDetails' }

/** Methods whose requests carry no body: no request body, no 413 or 415 documented. */
export const BODYLESS_METHODS: readonly string[] = ['GET', 'HEAD', 'DELETE']

/** What the parser hands an endpoint without a body schema, per kind. */
const PARSED_BODY: Readonly<Record<BodyKind, JsonSchema>> = {
  json: { description: 'Any JSON value' },
  form: {
    type: 'object',
    additionalProperties: {
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    },
    description: 'Flat form fields; a repeated key becomes an array, in order',
  },
  text: { type: 'string' },
}

const sharedComponents = () => ({
  schemas: {
    ProblemDetails: {
      type: 'object',
      description: 'RFC 9457 problem details: the body of every 4xx and 5xx response.',
      required: ['type', 'title', 'status', 'detail', 'requestId'],
      additionalProperties: false,
      properties: {
        type: { type: 'string', const: 'about:blank' },
        title: { type: 'string', description: 'The status phrase (RFC 9110)' },
        status: { type: 'integer', minimum: 400, maximum: 599 },
        detail: {
          type: 'string',
          description: 'What went wrong; a 5xx repeats its title and reveals nothing else',
        },
        requestId: {
          type: 'string',
          description: 'API Gateway request id: the correlation_id of the log lines',
        },
        errors: {
          type: 'array',
          description: `422 only: each invalid field (at most ${MAX_INVALID_FIELDS}); never the value`,
          maxItems: MAX_INVALID_FIELDS,
          items: { $ref: '#/components/schemas/InvalidField' },
        },
      },
    },
    InvalidField: {
      oneOf: [
        {
          type: 'object',
          required: ['pointer', 'detail'],
          additionalProperties: false,
          properties: {
            pointer: { type: 'string', description: 'RFC 6901 JSON Pointer into the parsed body' },
            detail: { type: 'string' },
          },
        },
        {
          type: 'object',
          required: ['in', 'detail'],
          additionalProperties: false,
          properties: {
            in: { type: 'string', enum: ['query', 'path'] },
            parameter: { type: 'string' },
            detail: { type: 'string' },
          },
        },
      ],
    },
  },
  // Sent on every response with these values; a success may choose its own (a cacheable GET's
  // cache-control), so the value is the default, not a constant.
  headers: Object.fromEntries(
    Object.entries(SECURITY_HEADERS).map(([name, value]) => [
      name,
      { required: true, schema: { type: 'string', default: value } },
    ]),
  ),
})

type Components = ReturnType<typeof sharedComponents> & { schemas: Record<string, unknown> }

/** A named schema under components/schemas, so each body schema is written once. */
const named = (components: Components, name: string, schema: JsonSchema): Json => {
  components.schemas[name] = schema
  return { $ref: `#/components/schemas/${name}` }
}

const pascal = (name: string): string =>
  name.replace(/(^|[-_\s]+)(\w)/g, (_, __, c: string) => c.toUpperCase())

const securityHeaders = (): Json =>
  Object.fromEntries(
    Object.keys(SECURITY_HEADERS).map((name) => [name, { $ref: `#/components/headers/${name}` }]),
  )

const problem = (status: number, description: string, extra: Json = {}): Json => ({
  description,
  headers: { ...securityHeaders(), ...extra },
  content: {
    'application/problem+json': {
      schema: {
        allOf: [
          PROBLEM,
          {
            properties: { status: { const: status } },
            ...(status === 422 ? { required: ['errors'] } : {}),
          },
        ],
      },
    },
  },
})

/**
 * Every problem the chain can give this operation: 413 and 415 only where it takes a body, 422
 * only with schemas, and the statuses the endpoint declares its business code throws.
 */
const problems = (endpoint: EndpointDescription, takesBody: boolean): Json => {
  const { body, query, path: pathSchema } = endpoint.schemas
  const list: Json = {
    400: problem(
      400,
      takesBody
        ? 'Malformed body (invalid base64, bytes invalid in its charset, bad JSON, corrupt compressed data) or not an HTTP API event'
        : 'Only for an invocation that is not an API Gateway HTTP API event (a direct invoke); a request through API Gateway never gets it, and a body sent with this method is ignored',
    ),
  }
  if (takesBody) {
    list[413] = problem(
      413,
      'Body larger than BODY_LIMIT_BYTES as sent or once decompressed, or a form of more than 1000 fields',
    )
    list[415] = problem(
      415,
      'A body whose media type, charset or Content-Encoding this endpoint does not accept',
      {
        'accept-post': {
          description: 'When the media type or its charset is refused: what this endpoint accepts',
          required: false,
          schema: { type: 'string', const: acceptPostFor(endpoint.accepts) },
        },
        'accept-encoding': {
          description:
            'When the Content-Encoding is refused: the codings undone (RFC 9110 §15.5.16)',
          required: false,
          schema: { type: 'string', const: CONTENT_CODINGS },
        },
      },
    )
  }
  if (body || query || pathSchema) {
    list[422] = problem(422, 'The request failed validation; `errors` lists each invalid field')
  }
  for (const status of endpoint.problems) {
    list[status] ??= problem(status, STATUS_CODES[status] ?? 'Problem')
  }
  list[500] = problem(500, 'The business function failed')
  list[504] = problem(
    504,
    'The business function was still running shortly before the Lambda timeout',
  )
  return list
}

/** The name under components/securitySchemes; serverless.yml's authorizer has the same. */
export const SECURITY_SCHEME = 'jwt'

const localIssuer = (config: ServerlessConfig): string => {
  const issuer = stageParams(config, 'local').jwtIssuerUrl
  if (typeof issuer !== 'string') throw new Error('serverless.yml: params.local.jwtIssuerUrl unset')
  return issuer
}

const securityScheme = (issuer: string): Json => ({
  type: 'openIdConnect',
  openIdConnectUrl: `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
  description:
    "A bearer JWT from the stage's issuer, in `Authorization`. API Gateway's JWT authorizer checks its signature, issuer (`jwtIssuerUrl`), audience (`jwtAudience`), expiry and the operation's scopes (any one of them) before the function runs; the function then requires every listed scope. This document names the issuer it was generated for (`npm run openapi -- --issuer <url>`).",
})

/** The headers of every response, as a refusal that API Gateway may also give documents them. */
const functionOnlySecurityHeaders = (): Json =>
  Object.fromEntries(
    Object.entries(SECURITY_HEADERS).map(([name, value]) => [
      name,
      {
        description: 'From the function',
        required: false,
        schema: { type: 'string', const: value },
      },
    ]),
  )

/** API Gateway's own refusal body: not problem+json, and the function never sees the request. */
const GATEWAY_REFUSAL = (message: string): Json => ({
  type: 'object',
  required: ['message'],
  additionalProperties: false,
  properties: { message: { type: 'string', const: message } },
})

/**
 * 401 and 403 as a client meets them: almost always API Gateway's own JSON, before the function
 * runs; problem+json from the function only when the request reached it unverified or without a
 * scope (a route deployed without its authorizer or with other scopes).
 */
const authProblems = (scopes: readonly string[]): Json => {
  const challenge = (value: string, description: string): Json => ({
    'www-authenticate': { description, required: false, schema: { type: 'string', const: value } },
  })
  const refused = (
    status: 401 | 403,
    gateway: string,
    functionCase: string,
    header: Json,
  ): Json => {
    const fromFunction = problem(status, '')
    return {
      description: `API Gateway's JWT authorizer: ${gateway}, answered \`{"message":"${STATUS_CODES[status]}"}\` before the function runs. The function answers problem+json with \`WWW-Authenticate\` (and the headers of every response) only ${functionCase}: its own check behind the authorizer.`,
      // The function's refusal carries the headers of every response; the gateway's does not.
      headers: { ...functionOnlySecurityHeaders(), ...header },
      content: {
        'application/json': { schema: GATEWAY_REFUSAL(STATUS_CODES[status] ?? '') },
        ...(fromFunction.content as Json),
      },
    }
  }
  return {
    401: refused(
      401,
      'no token, or one whose signature, issuer, audience or expiry fails',
      'when a request reaches it without verified claims',
      challenge('Bearer', 'From the function: RFC 6750'),
    ),
    403: refused(
      403,
      "the token grants none of the operation's scopes",
      "when the token lacks one of the operation's scopes or its claims fail the endpoint's schema",
      challenge(
        `Bearer error="insufficient_scope", scope="${scopes.join(' ')}"`,
        'From the function: RFC 6750, naming the scopes required',
      ),
    ),
  }
}

const requestBody = async (
  endpoint: EndpointDescription,
  components: Components,
  name: string,
): Promise<Json> => {
  const schema = endpoint.schemas.body
  const bodySchema = schema
    ? named(components, `${name}Request`, await toJsonSchema(schema, 'input'))
    : undefined
  const content: Json = {}
  for (const kind of endpoint.accepts) {
    for (const mediaType of MEDIA_TYPES_OF[kind]) {
      content[mediaType] = { schema: bodySchema ?? PARSED_BODY[kind] }
    }
  }
  return { required: schema ? !(await acceptsUndefined(schema)) : false, content }
}

/**
 * One schema's parameters: each is documented as the value the endpoint reads (the schema's output,
 * e.g. `{ type: 'integer', minimum: 1, maximum: 100 }` for a coerced `limit`), since a parameter's
 * schema in OpenAPI describes the value its string stands for; as the string it is sent as (the
 * input side) when the output cannot be described. `required` is what must be sent.
 */
const parameterSchemas = async (schema: Schema): Promise<[string, JsonSchema, boolean][]> => {
  const input = await toJsonSchema(schema, 'input')
  const output = await toJsonSchema(schema, 'output').catch(() => undefined)
  const required = new Set(Array.isArray(input.required) ? input.required : [])
  const inputs = (input.properties as Record<string, JsonSchema> | undefined) ?? {}
  const outputs = (output?.properties as Record<string, JsonSchema> | undefined) ?? {}
  return Object.entries(inputs).map(([name, sent]) => {
    const read = outputs[name]
    if (!read || !describesOutput(read)) return [name, sent, required.has(name)]
    // A default is written as sent ("20"); the value read is the schema's output of it.
    const { default: fallback, ...rest } = read
    const kept = fallback === undefined || fitsType(fallback, read.type) ? read : rest
    return [name, kept, required.has(name)]
  })
}

const fitsType = (value: unknown, type: unknown): boolean =>
  type === undefined ||
  (type === 'integer' ? Number.isInteger(value) : typeof value === type) ||
  (type === 'array' && Array.isArray(value))

/** The OpenAPI fragments the endpoint's middlewares carry as `openApi`, in their order. */
const documentedBy = (endpoint: EndpointDescription): Documented => {
  const parts = (endpoint.middlewares ?? []).map(
    (m) => (m as { openApi?: Partial<Documented> }).openApi ?? {},
  )
  return {
    parameters: parts.flatMap((part) => part.parameters ?? []),
    headers: Object.assign({}, ...parts.map((part) => part.headers ?? {})),
  }
}

const parameters = async (route: Route, endpoint: EndpointDescription): Promise<Json[]> => {
  const list: Json[] = []
  const pathProps = new Map(
    (endpoint.schemas.path ? await parameterSchemas(endpoint.schemas.path) : []).map(
      ([name, schema]) => [name, schema],
    ),
  )
  for (const [, name = ''] of route.path.matchAll(/\{([^}+]+)\+?\}/g)) {
    list.push({
      name,
      in: 'path',
      required: true,
      schema: pathProps.get(name) ?? { type: 'string' },
    })
  }
  if (endpoint.schemas.query) {
    for (const [name, schema, required] of await parameterSchemas(endpoint.schemas.query)) {
      list.push({ name, in: 'query', required, schema })
    }
  }
  // Read by the endpoint's middlewares (e.g. Idempotency-Key), as they document it.
  list.push(...documentedBy(endpoint).parameters.map((parameter) => ({ ...parameter })))
  return list
}

/** A declared success status: its body schema and the headers `respond()` sets on it. */
export interface SuccessResponse {
  readonly body?: Schema
  readonly headers: Readonly<Record<string, HeaderDeclaration>>
}

const headersOf = (entry: Schema | ResponseDeclaration | null | undefined) =>
  (entry && !('~standard' in entry) && entry.headers) || {}

/**
 * Every declared success status: the default one (its body is `response.body`), then `responses`,
 * each a body schema or `{ body, headers }`. A `responses` entry for the default status declares
 * the headers `respond()` sets on it.
 */
export const successStatuses = (endpoint: EndpointDescription): Map<number, SuccessResponse> => {
  const statuses = new Map<number, SuccessResponse>([
    [endpoint.status, { body: endpoint.responseBody, headers: {} }],
  ])
  for (const [key, entry] of Object.entries(endpoint.responses)) {
    const status = Number(key)
    const body = bodySchemaOf(entry)
    const headers = headersOf(entry)
    statuses.set(
      status,
      status === endpoint.status
        ? { body: endpoint.responseBody ?? body, headers }
        : { body, headers },
    )
  }
  return statuses
}

/** Every header name an endpoint's responses may carry: fixed ones and those `respond()` sets. */
export const responseHeaderNames = (endpoint: EndpointDescription): string[] => {
  const names = new Set(Object.keys(endpoint.headers).map((name) => name.toLowerCase()))
  for (const { headers } of successStatuses(endpoint).values()) {
    for (const name of Object.keys(headers)) names.add(name.toLowerCase())
  }
  return [...names]
}

const declaredHeader = (declaration: HeaderDeclaration): Json => {
  const { description, required = true } =
    typeof declaration === 'string' ? { description: declaration } : declaration
  return { description, required, schema: { type: 'string' } }
}

/** Every declared success status: the default one and those `respond` may choose. */
const successes = async (
  endpoint: EndpointDescription,
  components: Components,
  name: string,
): Promise<Json> => {
  const fixed: Json = securityHeaders()
  for (const [name, value] of Object.entries(endpoint.headers)) {
    fixed[name.toLowerCase()] = { required: true, schema: { type: 'string', const: value } }
  }
  for (const [name, header] of Object.entries(documentedBy(endpoint).headers)) {
    fixed[name.toLowerCase()] = { ...header }
  }
  const list: Json = {}
  for (const [status, { body, headers: declared }] of successStatuses(endpoint)) {
    const headers: Json = { ...fixed }
    for (const [header, declaration] of Object.entries(declared)) {
      headers[header.toLowerCase()] ??= declaredHeader(declaration)
    }
    const response: Json = { description: STATUS_CODES[status] ?? 'Success', headers }
    // 204 No Content has no body, so no content (RFC 9110 §15.3.5).
    if (status !== 204) {
      const schemaName = status === endpoint.status ? `${name}Response` : `${name}Response${status}`
      const schema = body ? named(components, schemaName, await toJsonSchema(body, 'input')) : {}
      response.content = { 'application/json': { schema } }
    }
    list[status] = response
  }
  return list
}

const endpointOf = async (root: string, fn: FunctionConfig): Promise<EndpointDescription> => {
  const handler = await loadHandler(fn, root)
  if (!handler)
    throw new Error(`${fn.module}: '${fn.exportName}' was not made by createHttpHandler`)
  return handler.endpoint
}

export interface BuildOptions {
  /** The project (serverless.yml, package.json, handler modules); default: this one. */
  root?: string
  /** Describe these functions instead of serverless.yml's (tests describe examples/ this way). */
  functions?: FunctionConfig[]
  /**
   * The JWT issuer whose discovery document the security scheme names: a deployed stage's
   * `jwtIssuerUrl`. Default: the `local` stage's, the development issuer of `npm run token`.
   */
  issuer?: string
}

/** The OpenAPI 3.1 document of every function in serverless.yml that has an httpApi route. */
export const buildOpenApi = async ({
  root = projectRoot,
  functions,
  issuer,
}: BuildOptions = {}): Promise<Json> => {
  const config = readServerlessConfig(root)
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Json
  const paths: Record<string, Json> = {}
  const components: Components = sharedComponents()
  let secured = false
  for (const fn of functions ?? config.functions) {
    if (fn.routes.length === 0) continue
    const endpoint = await endpointOf(root, fn)
    for (const [index, route] of fn.routes.entries()) {
      if (route.method === '*') {
        throw new Error(`${fn.name}: ANY and $default routes cannot be described per method`)
      }
      const operation: Json = {
        operationId: fn.routes.length === 1 ? fn.name : `${fn.name}${index + 1}`,
        ...(fn.description ? { summary: fn.description } : {}),
      }
      const params = await parameters(route, endpoint)
      if (params.length > 0) operation.parameters = params
      const takesBody = !BODYLESS_METHODS.includes(route.method)
      if (takesBody) {
        operation.requestBody = await requestBody(endpoint, components, pascal(fn.name))
      }
      // `'public'` (or no stance, which the route check refuses) documents no security.
      const scopes = typeof endpoint.auth === 'object' ? endpoint.auth.scopes : undefined
      operation.responses = {
        ...(await successes(endpoint, components, pascal(fn.name))),
        ...problems(endpoint, takesBody),
        ...(scopes ? authProblems(scopes) : {}),
      }
      // The scopes the endpoint requires, which the route's authorizer requires too (route check).
      operation.security = scopes ? [{ [SECURITY_SCHEME]: [...scopes] }] : []
      if (scopes) secured = true
      const item = paths[route.path] ?? {}
      item[route.method.toLowerCase()] = operation
      paths[route.path] = item
    }
  }
  return {
    openapi: '3.1.1',
    info: {
      title: config.service,
      version: String(pkg.version),
      description: String(pkg.description ?? ''),
    },
    paths,
    components: secured
      ? {
          ...components,
          securitySchemes: {
            [SECURITY_SCHEME]: securityScheme(issuer ?? localIssuer(config)),
          },
        }
      : components,
  }
}

export const serialize = (document: Json): string => `${JSON.stringify(document, null, 2)}\n`
