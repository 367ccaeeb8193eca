// Types follow the schemas. `tsc` (npm test's typecheck) checks this file and nothing runs it:
// each `@ts-expect-error` fails the type check if the error it expects goes away, i.e. if a type
// were widened to `any` or `unknown`-with-a-cast, and each annotated assignment fails if a type
// narrows or changes. What the values are at run time is the handler tests' job.
import * as v from 'valibot'
import * as z from 'zod'
import { requireAuth } from '../../src/http/auth.ts'
import {
  createError,
  createHttpHandler,
  type EndpointMiddleware,
  type Logger,
} from '../../src/http/index.ts'
import type { JsonValue, ParsedBody } from '../../src/lib/types.ts'

export const schemaOutputs = createHttpHandler({
  auth: 'public',
  request: {
    body: v.object({ n: v.number(), tags: v.optional(v.array(v.string()), []) }),
    query: z.object({ page: z.coerce.number() }),
    path: v.object({ id: v.string() }),
  },
  response: { body: v.object({ total: v.number() }) },
  handler: ({ body, query, path }) => {
    // @ts-expect-error: not a field of the body schema
    body.missing
    // @ts-expect-error: `page` is a number once the query schema has coerced it
    query.page.toUpperCase()
    // @ts-expect-error: not a path parameter of the schema
    path.other
    const tags: string[] = body.tags // defaulted, so never undefined
    const page: number = query.page
    const id: string = path.id
    return { total: body.n + page + tags.length + id.length }
  },
})

export const wrongResult = createHttpHandler({
  response: { body: z.object({ total: z.number() }) },
  // @ts-expect-error: `total` must be a number
  handler: () => ({ total: 'many' }),
})

export const textBody = createHttpHandler({
  auth: 'public',
  request: { accepts: ['text'] },
  handler: ({ body }) => {
    const value: string | undefined = body
    // @ts-expect-error: a text body is a string, not an object
    body?.field
    return value ?? null
  },
})

export const jsonBody = createHttpHandler({
  auth: 'public',
  request: { accepts: ['json'] },
  handler: ({ body }) => {
    const value: JsonValue | undefined = body
    // @ts-expect-error: a JSON value may be a number, so it is not a string
    const text: string | undefined = body
    return [value ?? null, text ?? null]
  },
})

export const anyBody = createHttpHandler({
  auth: 'public',
  handler: ({ body, query }) => {
    const value: ParsedBody = body
    const page: string | undefined = query.page
    return [value === undefined, page ?? null]
  },
})

const Created = v.object({ id: v.string() })
const Replaced = v.object({ id: v.string(), version: v.number() })

export const declaredStatuses = createHttpHandler({
  auth: 'public',
  response: { status: 201, body: Created },
  responses: { 200: Replaced },
  handler: ({ respond, query }) => {
    // @ts-expect-error: 418 is not a declared status
    respond(418, { id: 'x' })
    // @ts-expect-error: a 200 body needs `version`
    respond(200, { id: 'x' })
    // @ts-expect-error: the 201 body's `id` is a string
    respond(201, { id: 7 })
    return query.v
      ? respond(200, { id: 'a', version: 1 })
      : respond(201, { id: 'a' }, { location: '/a' })
  },
})

export const onlyDefaultStatus = createHttpHandler({
  auth: 'public',
  handler: ({ respond }) =>
    // @ts-expect-error: only the default 200 is declared
    respond(201, null),
})

export const lambdaResult = createHttpHandler({
  // @ts-expect-error: a Lambda result would be sent as a JSON body; use respond()
  handler: () => ({ statusCode: 201, headers: { location: '/orders/1' }, body: '{}' }),
})

const result = { statusCode: 201, body: '' }
export const lambdaResultVariable = createHttpHandler({
  // @ts-expect-error: the same through a variable
  handler: async () => result,
})

interface Order {
  id: string
}
const order: Order = { id: 'o' }
export const interfaceResult = createHttpHandler({ auth: 'public', handler: () => order })

const tenantCheck: EndpointMiddleware = {
  before: (request) => {
    if (request.event.headers['x-tenant'] === undefined) throw createError(403, 'No tenant')
  },
}

export const loggerAndMiddlewares = createHttpHandler({
  auth: 'public',
  middlewares: [tenantCheck, { after: () => undefined }],
  handler: ({ logger: log }) => {
    const typed: Logger = log
    typed.debug('typed')
    // @ts-expect-error: Powertools' Logger has no `print`
    log.print('x')
    return null
  },
})

export const functionMiddleware = createHttpHandler({
  // @ts-expect-error: a middleware is an object of hooks, not a function
  middlewares: [() => undefined],
  handler: () => null,
})

export const typedClaims = createHttpHandler({
  auth: requireAuth({
    scopes: ['orders:read'],
    claims: v.object({ sub: v.string(), 'cognito:groups': v.array(v.string()) }),
  }),
  handler: ({ auth }) => {
    const groups: string[] = auth.claims['cognito:groups']
    const subject: string = auth.subject
    // @ts-expect-error: not a claim of the schema
    auth.claims.email
    // @ts-expect-error: the subject is a string
    auth.subject.toFixed()
    return [subject, ...groups, ...auth.scopes]
  },
})

export const noAuth = createHttpHandler({
  auth: 'public',
  handler: ({ auth }) => {
    const none: undefined = auth
    // @ts-expect-error: an endpoint without `auth` has no identity
    auth.subject
    return none ?? null
  },
})

// 204 No Content: the business function returns nothing, and nothing else.
export const noContent = createHttpHandler({
  auth: 'public',
  response: { status: 204 },
  handler: () => {},
})
export const noContentAsync = createHttpHandler({
  auth: 'public',
  response: { status: 204 },
  handler: async ({ respond, query }) => {
    if (query.now) return respond(204)
    if (query.later) return respond(204, undefined, { 'x-queued': '1' })
  },
})

export const noContentWithData = createHttpHandler({
  response: { status: 204 },
  // @ts-expect-error: a 204 has no body, so no data
  handler: () => ({ x: 1 }),
})

export const noContentReplyWithBody = createHttpHandler({
  auth: 'public',
  responses: { 204: null },
  handler: ({ respond }) =>
    // @ts-expect-error: a 204 has no body
    respond(204, { x: 1 }),
})

export const voidOnA200 = createHttpHandler({
  // @ts-expect-error: a 200 answers data; nothing is `return null`
  handler: () => {},
})

// Headers respond() sets, declared per status (the default status too, through `responses`).
export const declaredHeaders = createHttpHandler({
  auth: 'public',
  response: { status: 201, body: Created },
  responses: {
    201: { headers: { location: 'URL of the new order' } },
    200: { body: Replaced, headers: { etag: { description: 'Version', required: false } } },
  },
  handler: ({ respond, query }) => {
    // @ts-expect-error: the declared `location` is always sent, so it is required
    respond(201, { id: 'a' })
    // @ts-expect-error: the declared `location` is required
    respond(201, { id: 'a' }, {})
    // @ts-expect-error: `etag` is not declared on a 201
    respond(201, { id: 'a' }, { location: '/a', etag: '"1"' })
    // @ts-expect-error: the 200 body declared in `{ body, headers }` needs `version`
    respond(200, { id: 'a' })
    // @ts-expect-error: `location` is not declared on a 200
    respond(200, { id: 'a', version: 1 }, { location: '/a' })
    if (query.a) return respond(200, { id: 'a', version: 1 })
    if (query.b) return respond(200, { id: 'a', version: 1 }, { etag: '"1"' })
    return respond(201, { id: 'a' }, { location: '/a' })
  },
})

// A status whose `{ body, headers }` has no body schema: any data, as with `null`.
export const headersOnly = createHttpHandler({
  auth: 'public',
  responses: { 202: { headers: { 'retry-after': 'Seconds until done' } } },
  handler: ({ respond }) => respond(202, { queued: true }, { 'retry-after': '5' }),
})

export const noContentWithHeader = createHttpHandler({
  auth: 'public',
  responses: { 204: { headers: { 'x-deleted-at': 'When it was deleted' } } },
  handler: ({ respond }) => {
    // @ts-expect-error: a 204 has no body, with headers too
    respond(204, { x: 1 }, { 'x-deleted-at': 'now' })
    return respond(204, undefined, { 'x-deleted-at': 'now' })
  },
})

// Every endpoint states who may call it: `requireAuth(…)` or 'public'.
// @ts-expect-error auth is required
export const noStance = createHttpHandler({ handler: () => null })
