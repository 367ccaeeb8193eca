import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildEvent } from '../../fixtures/events.ts'
import { ACCEPTED_MEDIA_TYPES } from '../../src/lib/media-type.ts'
import { problemOf, recordingHandler } from '../helpers/invoke.ts'

const { send } = recordingHandler()

/** A real v2 event whose headers a VPC Lattice target or a hand-written test would send. */
const withHeaders = (headers: Record<string, unknown>, body = '{"a":1}') => {
  const event = buildEvent({ body })
  delete event.headers['content-type']
  Object.assign(event.headers, headers)
  return event
}

describe('header values that are not strings', () => {
  it('reads a list value (VPC Lattice) as its lines joined, so one Content-Type works', async () => {
    const out = await send(withHeaders({ 'content-type': ['application/json'] }))
    assert.equal(out.response.statusCode, 200, out.response.body)
    assert.deepEqual(out.body, { a: 1 })
  })

  it('answers two Content-Type lines (joined: not one media type) with 415', async () => {
    const out = await send(withHeaders({ 'content-type': ['application/json', 'text/plain'] }))
    assert.equal(out.response.statusCode, 415)
    assert.equal(
      problemOf(out.response).detail,
      `Content-Type is not supported; supported: ${ACCEPTED_MEDIA_TYPES}`,
    )
  })

  for (const value of [42, null, true, { type: 'application/json' }, []]) {
    it(`treats a Content-Type of ${JSON.stringify(value)} as absent: 415 with a body, 200 without`, async () => {
      const out = await send(withHeaders({ 'content-type': value }))
      assert.equal(out.response.statusCode, 415, out.response.body)
      assert.equal(
        problemOf(out.response).detail,
        `A request body needs a Content-Type header; supported: ${ACCEPTED_MEDIA_TYPES}`,
      )
      const empty = withHeaders({ 'Content-Type': value })
      delete empty.body
      const none = await send(empty)
      assert.equal(none.response.statusCode, 200, none.response.body)
      assert.equal(none.body, undefined)
    })
  }

  it('never answers 5xx for a header map of arrays, numbers and nulls', async () => {
    const event = withHeaders({
      'content-type': ['application/json; charset=utf-8'],
      'content-length': 7,
      'x-forwarded-for': ['203.0.113.10', '10.0.0.1'],
      'user-agent': null,
    })
    const out = await send(event)
    assert.equal(out.response.statusCode, 200, out.response.body)
    assert.deepEqual(out.body, { a: 1 })
  })
})
