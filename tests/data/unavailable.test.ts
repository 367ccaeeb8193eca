// Failures are answers: a store that cannot be reached is a 503 with Retry-After, a table that is
// not there a 500; each with one ERROR line naming the error, and no table name in the response.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'
import { type LocalStore, startLocalStore } from '../helpers/local-store.ts'
import { captureOutput } from '../helpers/output.ts'

let store: LocalStore
let read: typeof import('../fixtures/data-endpoints.ts')['read']
before(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO'
  store = await startLocalStore()
})
after(() => store?.close())

const invoke = async () => {
  const event = buildEvent({ method: 'GET', requestId: 'rid-data' })
  const { result, lines } = await captureOutput(() => read(event, createContext()))
  return { result, errors: lines.filter((l) => l.level === 'ERROR') }
}

describe('a DynamoDB failure', () => {
  it('answers a missing table 500 with one ERROR line naming the error, the table nowhere in the response', async () => {
    process.env.DATA_TABLE = 'no-such-table'
    read = (await import('../fixtures/data-endpoints.ts')).read
    const { result, errors } = await invoke()
    assert.equal(result.statusCode, 500)
    assert.ok(!JSON.stringify(result).includes('no-such-table'))
    assert.equal(errors.length, 1)
    assert.match(
      JSON.stringify(errors[0]?.error),
      /DynamoDB ResourceNotFoundException \(AWS request [^)]+\)/,
    )
    assert.equal(errors[0]?.correlation_id, 'rid-data')
  })

  it('answers an unreachable store 503 with Retry-After and one ERROR line', async () => {
    // The client was made with the store's endpoint; closing the store makes it unreachable.
    process.env.DATA_TABLE = store.table
    await store.close()
    const { result, errors } = await invoke()
    assert.equal(result.statusCode, 503)
    assert.equal(result.headers?.['retry-after'], '1')
    assert.ok(!JSON.stringify(result).includes(store.table))
    assert.equal(errors.length, 1)
    assert.match(JSON.stringify(errors[0]?.error), /DynamoDB ECONNREFUSED/)
  })
})
