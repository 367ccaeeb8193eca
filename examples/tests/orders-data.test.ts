// The walkthrough's orders against the local store (dynalite, in this process): what the database
// decides (a stored order read back, another subject's 404, If-Match and conditional writes,
// Idempotency-Key replays) is decided by it, never by a mock.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { HttpHandler } from '../../src/http/index.ts'
import type { HttpResult } from '../../src/lib/types.ts'
import { createContext } from '../../tests/fixtures/context.ts'
import { buildEvent, type EventInput, ORDERS_WRITER } from '../../tests/fixtures/events.ts'
import { type LocalStore, startLocalStore } from '../../tests/helpers/local-store.ts'
import { captureOutput } from '../../tests/helpers/output.ts'

let store: LocalStore
let create: HttpHandler
let read: HttpHandler
let update: HttpHandler
before(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO'
  store = await startLocalStore()
  create = (await import('../orders.ts')).handler
  read = (await import('../order.ts')).handler
  update = (await import('../order-update.ts')).handler
})
after(() => store?.close())

const ADA = { ...ORDERS_WRITER, scopes: ['orders:write', 'orders:read'] }
const EVE = { claims: { ...ADA.claims, sub: 'user-eve' }, scopes: ADA.scopes }
const ORDER = '{"email":"ada@example.com","items":[{"sku":"ABC-1234","quantity":2}]}'

type Call = EventInput & { orderId?: string; jwt?: EventInput['jwt'] }
const call = async (handler: HttpHandler, { orderId, ...input }: Call) => {
  const event = buildEvent({ contentType: 'application/json', jwt: ADA, ...input })
  if (orderId !== undefined) event.pathParameters = { orderId }
  const { result, lines } = await captureOutput(() => handler(event, createContext()))
  return { ...(result as HttpResult), lines, json: JSON.parse(result.body ?? 'null') }
}
const post = (input: Call = {}) => call(create, { body: ORDER, ...input })
const get = (orderId: string, jwt = ADA) => call(read, { method: 'GET', orderId, jwt })
const patch = (orderId: string, body: string, headers: Record<string, string> = {}, jwt = ADA) =>
  call(update, { method: 'PATCH', orderId, body, headers, jwt })

describe('orders kept in the table', () => {
  it('reads back a stored order with its ETag', async () => {
    const created = await post()
    assert.equal(created.statusCode, 201)
    assert.equal(created.headers?.etag, '"1"')
    const found = await get(created.json.id)
    assert.equal(found.statusCode, 200)
    assert.equal(found.headers?.etag, '"1"')
    assert.deepEqual(found.json, {
      id: created.json.id,
      email: 'ada@example.com',
      items: [{ sku: 'ABC-1234', quantity: 2 }],
      express: false,
      version: 1,
    })
  })

  it('answers 404 for an unknown id, and for another subject reading or updating', async () => {
    const { json } = await post()
    assert.equal((await get(crypto.randomUUID())).statusCode, 404)
    const eve = await get(json.id, EVE)
    assert.equal(eve.statusCode, 404)
    assert.equal(eve.json.detail, 'No such order')
    assert.equal(
      (await patch(json.id, '{"note":"mine"}', { 'if-match': '"1"' }, EVE)).statusCode,
      404,
    )
    assert.equal((await get(json.id)).json.note, undefined, "Eve's update changed nothing")
  })
})

describe('PATCH /orders/{orderId}: If-Match', () => {
  it('updates with the current ETag and answers the next one', async () => {
    const { json } = await post()
    const changed = await patch(json.id, '{"note":"ring twice"}', { 'if-match': '"1"' })
    assert.equal(changed.statusCode, 200)
    assert.equal(changed.headers?.etag, '"2"')
    assert.equal(changed.json.note, 'ring twice')
    assert.equal((await get(json.id)).json.version, 2)
  })

  it('answers 428 without If-Match and 412 with a stale one, changing nothing', async () => {
    const { json } = await post()
    assert.equal((await patch(json.id, '{"note":"a"}')).statusCode, 428)
    await patch(json.id, '{"note":"b"}', { 'if-match': '"1"' })
    const stale = await patch(json.id, '{"note":"c"}', { 'if-match': '"1"' })
    assert.equal(stale.statusCode, 412)
    assert.equal((await patch(json.id, '{"note":"d"}', { 'if-match': 'W/"2"' })).statusCode, 412)
    assert.equal((await get(json.id)).json.note, 'b')
  })

  it('lets exactly one of two concurrent updates of the same version win', async () => {
    const { json } = await post()
    const answers = await Promise.all([
      patch(json.id, '{"note":"first"}', { 'if-match': '"1"' }),
      patch(json.id, '{"express":true}', { 'if-match': '"1"' }),
    ])
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 412])
    const winner = answers.find((a) => a.statusCode === 200)
    assert.deepEqual((await get(json.id)).json, winner?.json)
  })
})

describe('POST /orders: Idempotency-Key', () => {
  it('replays the first answer for the same key and body without storing a second order', async () => {
    const headers = { 'idempotency-key': crypto.randomUUID() }
    const first = await post({ headers })
    const again = await post({ headers })
    assert.equal(again.statusCode, 201)
    assert.deepEqual(again.json, first.json)
    assert.equal(again.headers?.location, first.headers?.location)
    assert.equal(again.headers?.['idempotency-replayed'], 'true')
    assert.equal(again.lines.filter((l) => l.message === 'order accepted').length, 0)
  })

  it('answers 422 for the same key with another body', async () => {
    const headers = { 'idempotency-key': crypto.randomUUID() }
    assert.equal((await post({ headers })).statusCode, 201)
    const other = await post({ headers, body: ORDER.replace('"quantity":2', '"quantity":3') })
    assert.equal(other.statusCode, 422)
  })

  it('keeps keys per subject, and runs every request sent without a key', async () => {
    const headers = { 'idempotency-key': crypto.randomUUID() }
    const ada = await post({ headers })
    const eve = await post({ headers, jwt: EVE })
    assert.notEqual(eve.json.id, ada.json.id)
    assert.notEqual((await post()).json.id, (await post()).json.id)
  })
})
