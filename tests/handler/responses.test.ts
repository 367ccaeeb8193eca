import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import * as v from 'valibot'
import {
  createHttpHandler,
  type PlainData,
  type Reply,
  SECURITY_HEADERS,
} from '../../src/http/index.ts'
import { respond as anyRespond } from '../../src/http/reply.ts'
import { createLogger } from '../../src/lib/logger.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'
import { problemOf } from '../helpers/invoke.ts'
import { captureOutput } from '../helpers/output.ts'

const Widget = v.object({ name: v.string(), replace: v.optional(v.boolean(), false) })
const Created = v.object({ id: v.string() })
const Replaced = v.object({ id: v.string(), version: v.number() })

const putWidget = createHttpHandler({
  auth: 'public',
  request: { body: Widget },
  response: { status: 201, body: Created, headers: { 'x-api': 'widgets' } },
  responses: { 200: Replaced, 204: null },
  logger: createLogger({ logLevel: 'SILENT' }),
  handler: ({ body, respond }) => {
    if (body.name === 'empty') return respond(204, undefined)
    return body.replace
      ? respond(200, { id: 'w7', version: 2 }, { etag: '"2"' })
      : respond(201, { id: 'w7' }, { location: '/widgets/w7' })
  },
})

const send = (body: string) =>
  putWidget(buildEvent({ body, contentType: 'application/json' }), createContext())

/** Runs a business function returning `value` and captures the response and every log line. */
const answering = async (value: () => unknown) => {
  const handler = createHttpHandler({
    auth: 'public',
    logger: createLogger({ logLevel: 'INFO' }),
    handler: value as () => PlainData,
  })
  const event = buildEvent({ body: '{}', contentType: 'application/json', requestId: 'rid-r' })
  const { result, lines } = await captureOutput(() => handler(event, createContext()))
  return { result, lines: lines.filter((line) => line.message !== 'request completed'), all: lines }
}

describe('per-request responses', () => {
  it('answers the status, body and headers the business function chose', async () => {
    const created = await send('{"name":"a"}')
    assert.equal(created.statusCode, 201)
    assert.equal(created.body, '{"id":"w7"}')
    assert.deepEqual(created.headers, {
      'content-type': 'application/json; charset=utf-8',
      location: '/widgets/w7',
      'x-api': 'widgets',
      ...SECURITY_HEADERS,
    })
    const replaced = await send('{"name":"a","replace":true}')
    assert.equal(replaced.statusCode, 200)
    assert.equal(replaced.body, '{"id":"w7","version":2}')
    assert.equal(replaced.headers?.etag, '"2"')
    assert.equal(replaced.headers?.location, undefined)
  })

  it('sends no body and no content type for a declared 204', async () => {
    const empty = await send('{"name":"empty"}')
    assert.equal(empty.statusCode, 204)
    assert.equal(empty.body, undefined)
    assert.equal(empty.headers?.['content-type'], undefined)
    assert.equal(empty.headers?.['cache-control'], 'no-store')
  })

  it('answers plain data with the default status', async () => {
    const handler = createHttpHandler({
      auth: 'public',
      response: { status: 202 },
      logger: createLogger({ logLevel: 'SILENT' }),
      handler: () => ({ queued: true }),
    })
    const response = await handler(buildEvent(), createContext())
    assert.equal(response.statusCode, 202)
    assert.equal(response.body, '{"queued":true}')
  })

  it('keeps a cache-control the business function chose, and adds the other security headers', async () => {
    const handler = createHttpHandler({
      auth: 'public',
      logger: createLogger({ logLevel: 'SILENT' }),
      handler: ({ respond }) => respond(200, 'x', { 'cache-control': 'max-age=60' }),
    })
    const response = await handler(buildEvent(), createContext())
    assert.deepEqual(response.headers, {
      'content-type': 'application/json; charset=utf-8',
      ...SECURITY_HEADERS,
      'cache-control': 'max-age=60',
    })
  })
})

describe('what a business function must not answer', () => {
  it('answers an undeclared status 500 with one ERROR line naming it', async () => {
    const reply: Reply = anyRespond(418, { tea: true })
    const { result, lines } = await answering(() => reply)
    assert.equal(result.statusCode, 500)
    assert.equal(problemOf(result).detail, 'Internal Server Error')
    assert.equal(lines.length, 1)
    const [line] = lines
    assert.equal(line?.level, 'ERROR')
    assert.equal(line?.status, 500)
    assert.equal(
      (line?.error as { message?: unknown } | undefined)?.message,
      'respond(418): undeclared status',
    )
  })

  it('answers a Lambda result returned as data 500 with one ERROR line saying why, never its status', async () => {
    const { result, lines, all } = await answering(() => ({
      statusCode: 201,
      headers: { location: '/orders/1' },
      body: '{"id":1}',
    }))
    assert.equal(result.statusCode, 500)
    assert.equal(result.headers?.location, undefined)
    assert.equal(lines.length, 1)
    assert.equal(lines[0]?.level, 'ERROR')
    assert.equal(
      (lines[0]?.error as { message?: unknown } | undefined)?.message,
      'Lambda result returned as data; use respond()',
    )
    assert.equal((all.at(-1)?.http as { status?: unknown } | undefined)?.status, 500)
  })

  it('answers JSON data that merely parses like a reply as data', async () => {
    const { result } = await answering(() => JSON.parse('{"body":1,"headers":{}}'))
    assert.equal(result.statusCode, 200)
    assert.equal(result.body, '{"body":1,"headers":{}}')
  })
})
