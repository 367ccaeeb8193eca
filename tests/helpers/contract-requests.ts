// Requests a check can build for any route from its declaration and openapi.json alone. The
// chain's refusals (415, 400, 413, 422, 401, 403) have a status the chain decides on its own; a
// request the schemas accept may get any answer the business gives, as long as it is documented.
import type { APIGatewayProxyEventV2 } from 'aws-lambda'
import type { Route } from '../../scripts/lib/serverless-config.ts'
import { BODYLESS_METHODS } from '../../scripts/openapi/document.ts'
import type { EndpointDescription } from '../../src/http/endpoint.ts'
import { buildEvent, type EventInput, ORDERS_WRITER } from '../fixtures/events.ts'
import type { ContractCase } from './contract.ts'
import type { schemaSampler } from './json-sample.ts'
import type { Operation } from './openapi.ts'

type Json = Record<string, unknown>
type Sampler = ReturnType<typeof schemaSampler>

/** Lambda takes no synchronous event over 6 MB, so every endpoint must refuse a body this big. */
const OVER_ANY_LIMIT = 6 * 1024 * 1024 + 1
const UNTAKEN_MEDIA_TYPE = 'application/x-contract-check'
// An array last: Valibot's `object()` takes one, although the document's `type: object` does not.
const INVALID_BODIES: readonly unknown[] = [{}, 'contract', 0, true, null, []]
const VALID_REQUESTS = 3
const INVALID_PARAMS: readonly string[] = [
  '',
  'contract-invalid',
  '-1',
  '0',
  '1.5',
  'x'.repeat(300),
]

interface Parameter {
  name: string
  in: string
  required?: boolean
  schema?: Json
}

/** A parameter's string as the value its documented schema describes (`"5"` → 5 for a number). */
const asDocumented = (text: string, schema: Json): unknown => {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  if ((type === 'number' || type === 'integer') && text.trim() !== '') {
    return Number.isFinite(Number(text)) ? Number(text) : text
  }
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text
  if (type === 'array') return text === '' ? [] : text.split(',')
  return text
}

/** A documented value as the string a client sends (API Gateway comma-joins repeated keys). */
const asSent = (value: unknown): string | undefined =>
  Array.isArray(value)
    ? value.map(String).join(',')
    : typeof value === 'object' && value !== null
      ? undefined
      : String(value)

/** The requests built for `route`, and those that could not be built from its document. */
export function casesFor(
  route: Route,
  endpoint: EndpointDescription,
  operation: Operation,
  sampler: Sampler,
): { cases: ContractCase[]; notBuilt: string[] } {
  const notBuilt: string[] = []
  const parameters = (operation.parameters ?? []) as unknown as Parameter[]
  // A few different valid sets of parameters: the valid requests use each, the others the first.
  const validOf = (where: string): Record<string, string>[] => {
    const sets = Array.from({ length: VALID_REQUESTS }, (): Record<string, string> => ({}))
    for (const p of parameters.filter((p) => p.in === where && (p.required || where === 'path'))) {
      const values = sampler.valid(p.schema ?? {}, VALID_REQUESTS).map(asSent)
      if (values.length === 0 || values.includes(undefined)) return []
      sets.forEach((set, i) => {
        set[p.name] = values[i % values.length] ?? ''
      })
    }
    return sets
  }
  const pathSets = validOf('path')
  const querySets = validOf('query')
  const [pathValues, queryValues] = [pathSets[0], querySets[0]]
  if (!pathValues || !queryValues) notBuilt.push('valid path or query parameters')

  const auth = endpoint.auth
  const scopes = typeof auth === 'object' ? auth.scopes : undefined
  // The claims schema of `requireAuth`, which the description's type does not show.
  const claimsChecked = (auth as { claims?: unknown } | undefined)?.claims !== undefined
  const granted = { claims: { ...ORDERS_WRITER.claims }, scopes: [...(scopes ?? [])] }

  const event = (
    input: EventInput & { path?: Record<string, string>; query?: Record<string, string> },
  ): APIGatewayProxyEventV2 => {
    const values = input.path ?? pathValues ?? {}
    const rawPath = route.path.replace(/\{([^}+]+)\+?\}/g, (_, name: string) =>
      encodeURIComponent(values[name] ?? 'contract'),
    )
    const query = input.query ?? queryValues ?? {}
    const built = buildEvent({ method: route.method, ...input })
    built.routeKey = route.routeKey
    built.rawPath = rawPath
    built.requestContext.routeKey = route.routeKey
    built.requestContext.http.path = rawPath
    if (Object.keys(values).length > 0) built.pathParameters = { ...values }
    if (Object.keys(query).length > 0) {
      built.queryStringParameters = { ...query }
      built.rawQueryString = new URLSearchParams(query).toString()
    }
    return built
  }
  const cases: ContractCase[] = []
  const add = (name: string, input: Parameters<typeof event>[0], expect?: number) => {
    if (cases.some((known) => known.name === name)) return
    const own = 'jwt' in input
    const jwt = own ? input.jwt : scopes ? granted : undefined
    cases.push({
      name,
      expect,
      claimsMayRefuse: claimsChecked && !own,
      event: event({ ...input, jwt }),
    })
  }

  if (scopes) {
    add('no verified token answers 401', { jwt: undefined }, 401)
    if (scopes.length > 0) {
      add('a token without its scopes answers 403', { jwt: { ...granted, scopes: [] } }, 403)
    }
  }

  const content = operation.requestBody?.content ?? {}
  const takesBody = !BODYLESS_METHODS.includes(route.method)
  const json = content['application/json']?.schema
  if (takesBody) {
    const untaken = { body: 'contract', contentType: UNTAKEN_MEDIA_TYPE }
    add('a body of a media type it does not take answers 415', untaken, 415)
    if (json) {
      add(
        'malformed JSON answers 400',
        { body: '{"contract":', contentType: 'application/json' },
        400,
      )
    }
    const [mediaType = 'application/json'] = Object.keys(content).filter((t) => !t.includes('*'))
    add(
      'a body over any limit answers 413',
      {
        body: 'a'.repeat(OVER_ANY_LIMIT),
        contentType: mediaType,
      },
      413,
    )
    const wrong = json ? sampler.invalid(json, INVALID_BODIES) : undefined
    if (json && wrong !== undefined) {
      add(
        `a JSON body its schema refuses (${JSON.stringify(wrong)}) answers 422`,
        {
          body: JSON.stringify(wrong),
          contentType: 'application/json',
        },
        422,
      )
    }
  } else {
    add(`a body sent with ${route.method} is ignored, never refused`, {
      body: '{"contract":',
      contentType: UNTAKEN_MEDIA_TYPE,
    })
  }

  for (const p of parameters) {
    if (!p.schema || (p.in !== 'query' && p.in !== 'path')) continue
    const candidates = p.in === 'path' ? INVALID_PARAMS.filter(Boolean) : INVALID_PARAMS
    const text = candidates.find(
      (c) => !sampler.accepts(p.schema ?? {}, asDocumented(c, p.schema ?? {})),
    )
    const values = { ...(p.in === 'path' ? pathValues : queryValues) }
    if (text !== undefined) values[p.name] = text
    else if (p.in === 'query' && p.required) delete values[p.name]
    else continue
    const shown = text === undefined ? 'missing' : JSON.stringify(text.slice(0, 20))
    add(
      `${p.in} parameter ${p.name} ${shown}, which its schema refuses, answers 422`,
      {
        [p.in]: values,
      },
      422,
    )
  }

  const bodies = takesBody ? validBodies(operation, sampler) : [{}]
  if (bodies.length === 0) notBuilt.push('a valid body')
  for (let i = 0; i < VALID_REQUESTS && pathValues && queryValues && bodies.length > 0; i++) {
    const [path, query] = [pathSets[i] ?? pathValues, querySets[i] ?? queryValues]
    const body = bodies[i % bodies.length] ?? {}
    const sent = [route.path.replace(/\{([^}+]+)\+?\}/g, (_, name: string) => path[name] ?? '')]
    if (Object.keys(query).length > 0) sent.push(`?${new URLSearchParams(query)}`)
    if (typeof body.body === 'string') sent.push(` ${body.body.slice(0, 60)}`)
    add(`a request its schemas accept (${sent.join('')}) gets a documented answer`, {
      ...body,
      path,
      query,
    })
  }
  return { cases, notBuilt }
}

/** Up to VALID_REQUESTS bodies the request body schema accepts; `{}` (no body) when none is required. */
function validBodies(operation: Operation, sampler: Sampler): EventInput[] {
  const content = operation.requestBody?.content ?? {}
  const json = content['application/json']?.schema
  const form = content['application/x-www-form-urlencoded']?.schema
  const bodies: EventInput[] = []
  if (json) {
    for (const value of sampler.valid(json, VALID_REQUESTS)) {
      bodies.push({ body: JSON.stringify(value), contentType: 'application/json' })
    }
  } else if (form) {
    for (const fields of sampler.valid(form, VALID_REQUESTS)) {
      const body = new URLSearchParams(fields as Record<string, string>).toString()
      bodies.push({ body, contentType: 'application/x-www-form-urlencoded' })
    }
  } else if (content['text/plain']) {
    bodies.push({ body: 'contract', contentType: 'text/plain' })
  }
  if (bodies.length > 0) return bodies
  return operation.requestBody?.required ? [] : [{}]
}
