// Validation through the Standard Schema interface: the same rules written with Zod 4, Valibot
// and ArkType give the same 422 problem (one entry per invalid field, JSON Pointers into the body,
// `parameter` for query and path), hand the business function the schemas' outputs, and never
// echo a rejected value.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type } from 'arktype'
import * as v from 'valibot'
import * as z from 'zod'
import { routeProblems } from '../../scripts/lib/route-check.ts'
import { functionsOf } from '../../scripts/lib/serverless-config.ts'
import { createHttpHandler, type HttpHandler, type Schema } from '../../src/http/index.ts'
import { createLogger } from '../../src/lib/logger.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent, type EventInput, ORDERS_WRITER } from '../fixtures/events.ts'
import { handler as arktypeOrders } from '../fixtures/schemas/arktype.ts'
import { handler as valibotOrders } from '../fixtures/schemas/valibot.ts'
import { handler as zodOrders } from '../fixtures/schemas/zod.ts'
import { handler as zodMiniOrders } from '../fixtures/schemas/zod-mini.ts'

const silent = createLogger({ logLevel: 'SILENT' })

const call = async (
  fn: HttpHandler,
  input: EventInput & { query?: Record<string, string>; path?: Record<string, string> },
) => {
  const { query, path, ...rest } = input
  // A verified token: the README's orders endpoint requires one (the other endpoints ignore it).
  const event = buildEvent({ contentType: 'application/json', jwt: ORDERS_WRITER, ...rest })
  if (query) event.queryStringParameters = query
  if (path) event.pathParameters = path
  const response = await fn(event, createContext())
  return { response, body: JSON.parse(response.body ?? 'null') as Record<string, unknown> }
}

const locations = (body: Record<string, unknown>) =>
  (body.errors as { pointer?: string; in?: string; parameter?: string }[]).map(
    ({ pointer, in: part, parameter }) => pointer ?? `${part}:${parameter}`,
  )

const ORDER_PORTS: [string, HttpHandler][] = [
  ['Valibot', valibotOrders],
  ['Zod', zodOrders],
  ['Zod Mini', zodMiniOrders],
  ['ArkType', arktypeOrders],
]

describe('the README order schema in every Standard Schema library', () => {
  for (const [library, fn] of ORDER_PORTS) {
    it(`${library}: 201 with the typed body, 422 with the same pointers`, async () => {
      const ok = await call(fn, {
        body: '{"email":"ada@example.com","items":[{"sku":"ABC-1234","quantity":2},{"sku":"XYZ-0001","quantity":3}]}',
      })
      assert.equal(ok.response.statusCode, 201)
      // The README's orders also names the order it made (`id`); the bench's ports do not.
      const { id: _, ...made } = ok.body
      assert.deepEqual(made, { lines: 2, units: 5, express: false })

      const bad = await call(fn, {
        body: '{"email":"nope","items":[{"sku":"ABC-1234","quantity":1},{"sku":"x","quantity":0.5}],"express":"yes","coupon":"short"}',
      })
      assert.equal(bad.response.statusCode, 422)
      assert.equal(bad.body.title, 'Unprocessable Content')
      // Valibot reports 0.5 twice (not an integer, below 1): one entry per problem.
      assert.deepEqual([...new Set(locations(bad.body))].sort(), [
        '/coupon',
        '/email',
        '/express',
        '/items/1/quantity',
        '/items/1/sku',
      ])
      for (const field of bad.body.errors as { detail: string }[]) {
        assert.equal(typeof field.detail, 'string')
        assert.notEqual(field.detail, '')
      }
    })
  }
})

// Query and path parameters arrive as strings; these schemas coerce `limit` to a number.
const PARAMS: [string, { query: Schema; path: Schema }][] = [
  [
    'Valibot',
    {
      query: v.object({
        limit: v.pipe(v.string(), v.digits(), v.transform(Number)),
        q: v.optional(v.string()),
      }),
      path: v.object({ id: v.pipe(v.string(), v.uuid()) }),
    },
  ],
  [
    'Zod',
    {
      query: z.object({ limit: z.coerce.number().int().min(1), q: z.string().optional() }),
      path: z.object({ id: z.uuid() }),
    },
  ],
  [
    'ArkType',
    {
      query: type({ limit: 'string.integer.parse', 'q?': 'string' }),
      path: type({ id: 'string.uuid' }),
    },
  ],
]

const ID = '3f2b8c1e-5d4a-4f6b-9c7d-1e2f3a4b5c6d'

describe('query and path parameters', () => {
  for (const [library, schemas] of PARAMS) {
    const seen: unknown[] = []
    const fn = createHttpHandler({
      auth: 'public',
      request: schemas,
      logger: silent,
      handler: ({ query, path }) => {
        seen.push({ query, path })
        return { ok: true }
      },
    })

    it(`${library}: hands the business function the schemas' outputs`, async () => {
      const { response } = await call(fn, { query: { limit: '25' }, path: { id: ID } })
      assert.equal(response.statusCode, 200)
      assert.deepEqual(seen.at(-1), { query: { limit: 25 }, path: { id: ID } })
    })

    it(`${library}: names each invalid parameter by \`in\` and \`parameter\``, async () => {
      const { response, body } = await call(fn, { query: { q: 'x' }, path: { id: 'nope' } })
      assert.equal(response.statusCode, 422)
      assert.deepEqual(locations(body), ['path:id', 'query:limit'])
    })

    it(`${library}: treats a request without query string as empty parameters`, async () => {
      const { body } = await call(fn, { path: { id: ID } })
      assert.deepEqual(locations(body), ['query:limit'])
    })
  }
})

describe('the 422 problem', () => {
  it('lists at most 50 invalid fields and says how many there were', async () => {
    const fn = createHttpHandler({
      auth: 'public',
      request: { body: v.array(v.number()) },
      logger: silent,
      handler: () => null,
    })
    const { body } = await call(fn, { body: JSON.stringify(Array.from({ length: 80 }, String)) })
    assert.equal(body.detail, '80 fields failed validation (the first 50 are listed)')
    assert.equal((body.errors as unknown[]).length, 50)
    assert.deepEqual(locations(body).slice(0, 3), ['/0', '/1', '/2'])
  })

  it('escapes ~ and / in keys as RFC 6901 requires', async () => {
    const fn = createHttpHandler({
      auth: 'public',
      request: { body: z.object({ 'a/b': z.number(), 'c~d': z.object({ '': z.number() }) }) },
      logger: silent,
      handler: () => null,
    })
    const { body } = await call(fn, { body: '{"a/b":"x","c~d":{"":"y"}}' })
    assert.deepEqual(locations(body), ['/a~1b', '/c~0d/'])
  })

  it('waits for an asynchronous schema', async () => {
    const taken = z.string().refine(async (name) => name !== 'taken', 'Name already taken')
    const fn = createHttpHandler({
      auth: 'public',
      request: { body: z.object({ name: taken }) },
      logger: silent,
      handler: ({ body }) => ({ hello: body.name }),
    })
    assert.equal((await call(fn, { body: '{"name":"free"}' })).body.hello, 'free')
    const { body } = await call(fn, { body: '{"name":"taken"}' })
    assert.deepEqual(body.errors, [{ pointer: '/name', detail: 'Name already taken' }])
  })

  it('validates form bodies too, where every value is a string', async () => {
    const fn = createHttpHandler({
      auth: 'public',
      request: { accepts: ['form'], body: v.object({ age: v.pipe(v.string(), v.digits()) }) },
      logger: silent,
      handler: ({ body }) => ({ age: Number(body.age) }),
    })
    const ok = await call(fn, {
      body: 'age=42',
      base64: true,
      contentType: 'application/x-www-form-urlencoded',
    })
    assert.deepEqual(ok.body, { age: 42 })
    const bad = await call(fn, {
      body: 'age=old',
      base64: true,
      contentType: 'application/x-www-form-urlencoded',
    })
    assert.deepEqual(locations(bad.body), ['/age'])
  })
})

describe('success responses', () => {
  it('sends the declared status and headers, and no body for 204', async () => {
    const created = createHttpHandler({
      auth: 'public',
      response: { status: 201, headers: { location: '/orders/1' } },
      logger: silent,
      handler: () => ({ id: 1 }),
    })
    const { response } = await call(created, {})
    assert.equal(response.statusCode, 201)
    assert.equal(response.headers?.location, '/orders/1')
    assert.equal(response.body, '{"id":1}')

    const empty = createHttpHandler({
      auth: 'public',
      response: { status: 204 },
      logger: silent,
      handler: () => undefined,
    })
    const none = await call(empty, {})
    assert.equal(none.response.statusCode, 204)
    assert.equal(none.response.body, undefined)
    assert.equal(none.response.headers?.['content-type'], undefined)
    assert.equal(none.response.headers?.['cache-control'], 'no-store')
  })

  it('leaves a success status outside 200–299 to the route check, which names it', async () => {
    const functions = functionsOf({
      defaultOutOfRange: {
        handler: 'tests/fixtures/route-endpoints.defaultOutOfRange',
        events: [{ httpApi: 'GET /x' }],
      },
    })
    assert.deepEqual(await routeProblems(functions), [
      'tests/fixtures/route-endpoints.ts (defaultOutOfRange, GET /x): success status 300 is not 200–299',
    ])
  })
})
