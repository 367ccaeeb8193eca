import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createHttpHandler } from '../../src/http/create-http-handler.ts'
import { createLogger } from '../../src/lib/logger.ts'
import { ACCEPTED_MEDIA_TYPES } from '../../src/lib/media-type.ts'
import type { HttpEvent } from '../../src/lib/types.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'
import { problemOf, recordingHandler } from '../helpers/invoke.ts'
import { captureOutput } from '../helpers/output.ts'

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

  it('logs the Content-Type it read from a list as that string in the INFO summary', async () => {
    const handler = createHttpHandler({
      auth: 'public',
      handler: () => ({ message: 'ok' }),
      logger: createLogger({ logLevel: 'INFO' }),
    })
    const event = withHeaders({ 'content-type': ['application/json', 'charset=x'] })
    const { lines } = await captureOutput(() => handler(event, createContext()))
    const summary = lines.find((line) => line.message === 'request completed')
    assert.equal(
      (summary?.http as { contentType?: unknown } | undefined)?.contentType,
      'application/json, charset=x',
    )
  })

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

describe('events that are not HTTP events', () => {
  const handler = createHttpHandler({
    auth: 'public',
    handler: () => ({ message: 'ok' }),
    logger: createLogger({ logLevel: 'INFO' }),
  })
  const answer = async (event: unknown) => {
    const context = createContext({ awsRequestId: 'lambda-request-id' })
    return captureOutput(() => handler(event as HttpEvent, context))
  }

  const notEvents: [string, unknown, string][] = [
    ['null', null, 'event is null'],
    ['a string', '{"body":"x"}', 'event is string'],
    ['a number', 42, 'event is number'],
    ['a boolean', true, 'event is boolean'],
    ['an array', [buildEvent({ body: '{}', contentType: 'application/json' })], 'event is array'],
    ['an event whose body is a number', { ...buildEvent(), body: 5 }, 'body is number'],
    ['an event whose body is an object', { ...buildEvent(), body: { a: 1 } }, 'body is object'],
    ['an event whose body is an array', { ...buildEvent(), body: ['a'] }, 'body is array'],
    ['an event whose body is a boolean', { ...buildEvent(), body: false }, 'body is boolean'],
  ]
  for (const [name, event, why] of notEvents) {
    it(`answers ${name} with a 400 problem and one WARN line, never a throw`, async () => {
      const { result, lines } = await answer(event)
      assert.equal(result.statusCode, 400)
      const requestId =
        typeof event === 'object' && event !== null && !Array.isArray(event)
          ? (event as HttpEvent).requestContext.requestId
          : 'lambda-request-id'
      assert.deepEqual(problemOf(result), {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: `Not an API Gateway HTTP API event: ${why}`,
        requestId,
      })
      const warnings = lines.filter((line) => line.level === 'WARN')
      assert.equal(warnings.length, 1, JSON.stringify(lines))
      assert.equal(warnings[0]?.message, 'request rejected')
      assert.equal(warnings[0]?.status, 400)
      assert.equal(warnings[0]?.correlation_id, requestId)
      const summaries = lines.filter((line) => line.message === 'request completed')
      assert.equal(summaries.length, 1)
      assert.equal((summaries[0]?.http as { status?: unknown } | undefined)?.status, 400)
      assert.equal(lines.filter((line) => line.level === 'ERROR').length, 0)
    })
  }

  it('keeps serving a hand-written object event without requestContext (invoke local --data)', async () => {
    const { send: record } = recordingHandler()
    const event = { body: '{"a":1}', headers: { 'Content-Type': 'application/json' } }
    const out = await record(event as unknown as Parameters<typeof record>[0])
    assert.equal(out.response.statusCode, 200, out.response.body)
    assert.deepEqual(out.body, { a: 1 })
    const bare = await record({} as Parameters<typeof record>[0])
    assert.equal(bare.response.statusCode, 200)
    assert.equal(bare.body, undefined)
  })
})
