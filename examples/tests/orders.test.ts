// The README walkthrough's endpoint: a Valibot body schema, JSON only, 201 with a Location. What the README shows
// for it is asserted here exactly, and every response is checked against its OpenAPI description.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { HttpHandler } from '../../src/http/index.ts'
import type { HttpResult } from '../../src/lib/types.ts'
import { createContext } from '../../tests/fixtures/context.ts'
import { buildEvent, type EventInput, ORDERS_WRITER } from '../../tests/fixtures/events.ts'
import { type LocalStore, startLocalStore } from '../../tests/helpers/local-store.ts'
import { responseChecker } from '../../tests/helpers/openapi.ts'
import { captureOutput } from '../../tests/helpers/output.ts'

let conforms: (routeKey: string, response: HttpResult) => void = () => {}
let handler: HttpHandler
let store: LocalStore | undefined
after(() => store?.close())
before(async () => {
  // Orders are stored: the local table, as `npm start` has it (tests/helpers/local-store.ts).
  store = await startLocalStore()
  // The example logs through the service logger, which reads its level when first imported, so
  // nothing that imports it is loaded before the level is set.
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO'
  handler = (await import('../orders.ts')).handler
  const { ordersOpenApi } = await import('./examples.ts')
  conforms = responseChecker(await ordersOpenApi())
})

const send = async (input: EventInput) => {
  const event = buildEvent({
    contentType: 'application/json',
    requestId: 'req-orders',
    jwt: ORDERS_WRITER,
    ...input,
  })
  const { result, lines } = await captureOutput(() => handler(event, createContext()))
  conforms('POST /orders', result)
  return { response: result, lines, body: JSON.parse(result.body ?? 'null') as unknown }
}

const VALID = '{"email":"ada@example.com","items":[{"sku":"ABC-1234","quantity":2}]}'
const INVALID = '{"email":"not-an-email","items":[{"sku":"abc","quantity":0}]}'

describe('POST /orders (examples/orders.ts)', () => {
  it('answers a valid order 201 with what the business function made of the typed body', async () => {
    const { response, body, lines } = await send({ body: VALID })
    assert.equal(response.statusCode, 201)
    assert.equal(response.headers?.['content-type'], 'application/json; charset=utf-8')
    const { id, ...rest } = body as { id: string }
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    assert.deepEqual(rest, { lines: 1, units: 2, express: false })
    assert.equal(response.headers?.location, `/orders/${id}`)
    const business = lines.filter((line) => line.message === 'order accepted')
    assert.equal(business.length, 1)
    assert.equal(business[0]?.orderId, id)
    assert.equal(business[0]?.units, 2)
    assert.equal(business[0]?.level, 'INFO')
    assert.equal(business[0]?.correlation_id, 'req-orders')
    assert.equal(business[0]?.function_request_id, createContext().awsRequestId)
  })

  it('gives every order its own id and Location', async () => {
    const first = await send({ body: VALID })
    const second = await send({ body: VALID })
    assert.notEqual(first.response.headers?.location, second.response.headers?.location)
  })

  it('refuses a request that reaches it without verified claims: 401, as documented', async () => {
    const { response, body } = await send({ body: VALID, jwt: undefined })
    assert.equal(response.statusCode, 401)
    assert.equal(response.headers?.['www-authenticate'], 'Bearer')
    assert.equal((body as { detail: string }).detail, 'A valid bearer token is required')
  })

  it('refuses a token without orders:write: 403, as documented', async () => {
    const { response } = await send({ body: VALID, jwt: { ...ORDERS_WRITER, scopes: ['x'] } })
    assert.equal(response.statusCode, 403)
    assert.equal(
      response.headers?.['www-authenticate'],
      'Bearer error="insufficient_scope", scope="orders:write"',
    )
  })

  it('answers the README invalid order 422 with one entry per invalid field', async () => {
    const { response, body } = await send({ body: INVALID })
    assert.equal(response.statusCode, 422)
    assert.equal(response.headers?.['content-type'], 'application/problem+json')
    assert.deepEqual(body, {
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      detail: '3 fields failed validation',
      requestId: 'req-orders',
      errors: [
        { pointer: '/email', detail: 'Invalid email' },
        { pointer: '/items/0/sku', detail: 'Invalid format: Expected /^[A-Z]{3}-\\d{4}$/' },
        { pointer: '/items/0/quantity', detail: 'Invalid value: Expected >=1' },
      ],
    })
  })

  it('accepts JSON only: a form body gets 415 naming only the JSON media types', async () => {
    const { response, body } = await send({
      body: 'email=a%40example.com',
      base64: true,
      contentType: 'application/x-www-form-urlencoded',
    })
    assert.equal(response.statusCode, 415)
    assert.equal(response.headers?.['accept-post'], 'application/json, application/*+json')
    assert.equal(
      (body as { detail: string }).detail,
      "Content-Type 'application/x-www-form-urlencoded' is not supported; supported: application/json, application/*+json",
    )
  })

  it('answers a missing body 422 at the root pointer', async () => {
    const { response, body } = await send({})
    assert.equal(response.statusCode, 422)
    assert.deepEqual((body as { errors: unknown }).errors, [
      { pointer: '', detail: 'Invalid type: Expected Object but received undefined' },
    ])
  })

  it('never shows a rejected value, in the response or in any log line', async () => {
    const secret = 'tok_live_9f8e7d6c5b4a'
    const { response, lines } = await send({
      body: JSON.stringify({
        email: secret,
        items: [{ sku: secret, quantity: secret }],
        coupon: 7,
      }),
      headers: {},
    })
    assert.equal(response.statusCode, 422)
    assert.ok(!response.body?.includes(secret), response.body)
    assert.ok(!JSON.stringify(lines).includes(secret), JSON.stringify(lines))
  })

  it('writes one WARN line naming the invalid pointers and nothing of their values', async () => {
    const { lines } = await send({ body: INVALID })
    const warnings = lines.filter((line) => line.level === 'WARN')
    assert.equal(warnings.length, 1)
    assert.deepEqual(warnings[0]?.errors, [
      { pointer: '/email' },
      { pointer: '/items/0/sku' },
      { pointer: '/items/0/quantity' },
    ])
    assert.equal(warnings[0]?.status, 422)
    const summary = lines.find((line) => line.message === 'request completed')
    assert.equal((summary?.http as { status?: number } | undefined)?.status, 422)
  })
})
