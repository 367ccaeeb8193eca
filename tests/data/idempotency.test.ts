// Idempotency-Key on a test-only endpoint against the local store: a duplicate that arrives while
// the first request still runs gets 409 and leaves the first one's record alone; a failed request
// is forgotten, so its retry runs. Decided by dynalite and Powertools, nothing mocked.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { setImmediate } from 'node:timers/promises'
import type { HttpHandler } from '../../src/http/index.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'
import { type LocalStore, startLocalStore } from '../helpers/local-store.ts'
import { captureOutput } from '../helpers/output.ts'

let store: LocalStore
let endpoints: typeof import('../fixtures/data-endpoints.ts')
before(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR'
  store = await startLocalStore()
  endpoints = await import('../fixtures/data-endpoints.ts')
})
after(() => store?.close())

const send = async (handler: HttpHandler, key: string, body = '{"a":1}') => {
  const event = buildEvent({
    body,
    contentType: 'application/json',
    headers: { 'idempotency-key': key },
  })
  const { result } = await captureOutput(() => handler(event, createContext()))
  return result
}

/** Until the business function has been entered `count` times (it runs after the key is saved). */
const entered = async (count: number, stop = { done: false }) => {
  while (endpoints.calls.count < count && !stop.done) await setImmediate()
}

describe('Idempotency-Key while the first request runs', () => {
  it('answers a concurrent duplicate 409, then replays the first answer once it is done', async () => {
    const key = crypto.randomUUID()
    const release = endpoints.hold()
    const start = endpoints.calls.count
    const first = send(endpoints.create, key)
    await entered(start + 1)
    const duplicate = await send(endpoints.create, key)
    assert.equal(duplicate.statusCode, 409)
    assert.equal(
      JSON.parse(duplicate.body ?? '{}').detail,
      'A request with this Idempotency-Key is in progress',
    )
    // The refusal left the first request's record alone: a third copy is refused as well.
    const stop = { done: false }
    const third = await Promise.race([
      send(endpoints.create, key),
      entered(start + 2, stop).then(() => ({ statusCode: 'ran the business function again' })),
    ])
    stop.done = true
    release()
    assert.equal(third.statusCode, 409)
    const done = await first
    assert.equal(done.statusCode, 201)
    const replay = await send(endpoints.create, key)
    assert.equal(replay.statusCode, 201)
    assert.equal(replay.body, done.body)
    assert.equal(replay.headers?.['idempotency-replayed'], 'true')
    assert.equal(endpoints.calls.count, start + 1, 'the business function ran once')
  })
})
