// Types follow the schemas: `npm test` type-checks this file (tsc), and each `@ts-expect-error`
// fails the type check if the error it expects goes away, i.e. if a type were widened to `any` or
// `unknown`-with-a-cast. The runtime assertions check that the values match the types.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import * as v from 'valibot'
import * as z from 'zod'
import { requireAuth } from '../../src/http/auth.ts'
import {
  createError,
  createHttpHandler,
  type EndpointMiddleware,
  type Logger,
} from '../../src/http/index.ts'
import { createLogger } from '../../src/lib/logger.ts'
import type { JsonValue, ParsedBody } from '../../src/lib/types.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'

const logger = createLogger({ logLevel: 'SILENT' })

/** Holds code that must only type-check (or fail to): it is never run. */
const typeOnly = (_: () => void): void => undefined

describe('types follow the schemas', () => {
  it('gives the business function each schema output and checks its result', async () => {
    const handler = createHttpHandler({
      request: {
        body: v.object({ n: v.number(), tags: v.optional(v.array(v.string()), []) }),
        query: z.object({ page: z.coerce.number() }),
        path: v.object({ id: v.string() }),
      },
      response: { body: v.object({ total: v.number() }) },
      logger,
      handler: ({ body, query, path }) => {
        typeOnly(() => {
          // @ts-expect-error: not a field of the body schema
          body.missing
          // @ts-expect-error: `page` is a number once the query schema has coerced it
          query.page.toUpperCase()
          // @ts-expect-error: not a path parameter of the schema
          path.other
        })
        const tags: string[] = body.tags // defaulted, so never undefined
        const page: number = query.page
        const id: string = path.id
        return { total: body.n + page + tags.length + id.length }
      },
    })
    const event = buildEvent({ body: '{"n":1}', contentType: 'application/json' })
    event.queryStringParameters = { page: '10' }
    event.pathParameters = { id: 'abc' }
    const response = await handler(event, createContext())
    assert.equal(response.body, '{"total":14}')
  })

  it('rejects a business result that does not fit the response schema', () => {
    typeOnly(() => {
      createHttpHandler({
        response: { body: z.object({ total: z.number() }) },
        // @ts-expect-error: `total` must be a number
        handler: () => ({ total: 'many' }),
      })
    })
    assert.ok(true)
  })

  it('types an unvalidated body by the kinds the endpoint accepts', async () => {
    const seen: unknown[] = []
    const text = createHttpHandler({
      request: { accepts: ['text'] },
      logger,
      handler: ({ body }) => {
        const value: string | undefined = body
        typeOnly(() => {
          // @ts-expect-error: a text body is a string, not an object
          body?.field
        })
        seen.push(value)
        return null
      },
    })
    const json = createHttpHandler({
      request: { accepts: ['json'] },
      logger,
      handler: ({ body }) => {
        const value: JsonValue | undefined = body
        typeOnly(() => {
          // @ts-expect-error: a JSON value may be a number, so it is not a string
          const _: string | undefined = body
        })
        seen.push(value)
        return null
      },
    })
    const any = createHttpHandler({
      logger,
      handler: ({ body, query }) => {
        const value: ParsedBody = body
        const page: string | undefined = query.page
        seen.push(value, page)
        return null
      },
    })
    await text(buildEvent({ body: 'hi', contentType: 'text/plain' }), createContext())
    await json(buildEvent({ body: '[1]', contentType: 'application/json' }), createContext())
    await any(
      buildEvent({ body: 'a=1', base64: true, contentType: 'application/x-www-form-urlencoded' }),
      createContext(),
    )
    assert.deepEqual(seen.slice(0, 2), ['hi', [1]])
    assert.deepEqual({ ...(seen[2] as object) }, { a: '1' })
    assert.equal(seen[3], undefined)
  })

  it('allows respond() only with a declared status and a body fitting its schema', async () => {
    const Created = v.object({ id: v.string() })
    const Replaced = v.object({ id: v.string(), version: v.number() })
    typeOnly(() => {
      createHttpHandler({
        response: { status: 201, body: Created },
        responses: { 200: Replaced },
        handler: ({ respond }) => {
          // @ts-expect-error: 418 is not a declared status
          respond(418, { id: 'x' })
          // @ts-expect-error: a 200 body needs `version`
          respond(200, { id: 'x' })
          // @ts-expect-error: the 201 body's `id` is a string
          respond(201, { id: 7 })
          return respond(200, { id: 'x', version: 2 })
        },
      })
      createHttpHandler({
        handler: ({ respond }) =>
          // @ts-expect-error: only the default 200 is declared
          respond(201, null),
      })
    })
    const handler = createHttpHandler({
      response: { status: 201, body: Created },
      responses: { 200: Replaced },
      logger,
      handler: ({ respond, query }) =>
        query.v
          ? respond(200, { id: 'a', version: 1 })
          : respond(201, { id: 'a' }, { location: '/a' }),
    })
    const response = await handler(buildEvent(), createContext())
    assert.equal(response.statusCode, 201)
    assert.equal(response.headers?.location, '/a')
  })

  it('rejects a Lambda result returned as plain data', () => {
    typeOnly(() => {
      createHttpHandler({
        // @ts-expect-error: a Lambda result would be sent as a JSON body; use respond()
        handler: () => ({ statusCode: 201, headers: { location: '/orders/1' }, body: '{}' }),
      })
      const result = { statusCode: 201, body: '' }
      createHttpHandler({
        // @ts-expect-error: the same through a variable
        handler: async () => result,
      })
      interface Order {
        id: string
      }
      const order: Order = { id: 'o' }
      createHttpHandler({ handler: () => order })
    })
    assert.ok(true)
  })

  it('types the logger and a list of middlewares', async () => {
    const seen: string[] = []
    const tenantCheck: EndpointMiddleware = {
      before: (request) => {
        if (request.event.headers['x-tenant'] === undefined) throw createError(403, 'No tenant')
      },
    }
    const handler = createHttpHandler({
      middlewares: [tenantCheck, { after: () => void seen.push('after') }],
      logger,
      handler: ({ logger: log }) => {
        const typed: Logger = log
        typed.debug('typed')
        typeOnly(() => {
          // @ts-expect-error: Powertools' Logger has no `print`
          log.print('x')
        })
        return null
      },
    })
    typeOnly(() => {
      // @ts-expect-error: a middleware is an object of hooks, not a function
      createHttpHandler({ middlewares: [() => undefined], handler: () => null })
    })
    const response = await handler(buildEvent({ headers: { 'x-tenant': 't' } }), createContext())
    assert.equal(response.statusCode, 200)
    assert.deepEqual(seen, ['after'])
  })

  it('types auth by the claims schema, and gives an endpoint without auth none', async () => {
    const seen: string[][] = []
    const handler = createHttpHandler({
      auth: requireAuth({
        scopes: ['orders:read'],
        claims: v.object({ sub: v.string(), 'cognito:groups': v.array(v.string()) }),
      }),
      logger,
      handler: ({ auth }) => {
        const groups: string[] = auth.claims['cognito:groups']
        const subject: string = auth.subject
        seen.push([subject, ...groups, ...auth.scopes])
        typeOnly(() => {
          // @ts-expect-error: not a claim of the schema
          auth.claims.email
          // @ts-expect-error: the subject is a string
          auth.subject.toFixed()
        })
        return null
      },
    })
    createHttpHandler({
      handler: ({ auth }) => {
        const none: undefined = auth
        typeOnly(() => {
          // @ts-expect-error: an endpoint without `auth` has no identity
          auth.subject
        })
        return none ?? null
      },
    })
    const claims = { sub: 'u-1', 'cognito:groups': '[buyers]' }
    const event = buildEvent({ jwt: { claims, scopes: ['orders:read'] } })
    const response = await handler(event, createContext())
    assert.equal(response.statusCode, 200)
    assert.deepEqual(seen, [['u-1', 'buyers', 'orders:read']])
  })
})
