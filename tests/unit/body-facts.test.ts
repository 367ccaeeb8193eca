import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { bodyFacts } from '../../src/lib/body-facts.ts'
import { buildEvent } from '../fixtures/events.ts'
import { middyRequest } from '../helpers/middy-request.ts'

describe('bodyFacts', () => {
  it('reports the decoded size, the headers as sent and the parsed media type', () => {
    const request = middyRequest(
      buildEvent({
        body: 'a=é',
        base64: true,
        headers: { 'Content-Type': 'Text/Plain ; charset=Latin1', 'content-encoding': 'identity' },
      }),
    )
    assert.deepEqual(bodyFacts(request), {
      bytes: 4,
      contentType: 'Text/Plain ; charset=Latin1',
      contentEncoding: 'identity',
      mediaType: { type: 'text/plain', kind: 'text', charset: 'windows-1252' },
    })
  })

  it('computes once per request: later calls read request.internal even after the body changed', () => {
    const request = middyRequest(buildEvent({ body: '{"a":1}', contentType: 'application/json' }))
    const first = bodyFacts(request)
    request.event.body = { a: 1 }
    assert.equal(bodyFacts(request), first)
    assert.equal(request.internal.body, first)
    assert.equal(first.bytes, 7)
  })

  it('leaves the media type undefined when the header is missing or not accepted', () => {
    assert.equal(bodyFacts(middyRequest(buildEvent({ body: 'x' }))).mediaType, undefined)
    const xml = middyRequest(buildEvent({ body: 'x', contentType: 'application/xml' }))
    assert.deepEqual(bodyFacts(xml), {
      bytes: 1,
      contentType: 'application/xml',
      contentEncoding: undefined,
      mediaType: undefined,
    })
  })
})
