import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import * as v from 'valibot'
import {
  createError,
  createHttpHandler,
  type EndpointMiddleware,
  SECURITY_HEADERS,
} from '../../src/http/index.ts'
import { createLogger } from '../../src/lib/logger.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'
import { problemOf } from '../helpers/invoke.ts'
import { captureOutput } from '../helpers/output.ts'

/** An endpoint with a query schema and the given middlewares; records what reached it. */
const endpointWith = (middlewares: EndpointMiddleware[]) => {
  const calls: unknown[] = []
  const handler = createHttpHandler({
    auth: 'public',
    request: { query: v.object({ tenant: v.string() }) },
    middlewares,
    logger: createLogger({ logLevel: 'INFO' }),
    handler: ({ query }) => {
      calls.push(query.tenant)
      return { tenant: query.tenant }
    },
  })
  const send = async (tenant?: string) => {
    const event = buildEvent({ requestId: 'rid-mw' })
    event.queryStringParameters = tenant === undefined ? undefined : { tenant }
    const { result, lines } = await captureOutput(() => handler(event, createContext()))
    return { result, lines, calls }
  }
  return send
}

const summaryStatus = (lines: Record<string, unknown>[]) =>
  lines
    .filter((line) => line.message === 'request completed')
    .map((line) => (line.http as { status: unknown }).status)

describe("an endpoint's own middlewares", () => {
  it('run after validation, so a 422 comes first and they see valid input only', async () => {
    const seen: unknown[] = []
    const send = endpointWith([
      { before: (request) => void seen.push(request.event.queryStringParameters) },
    ])
    const { result } = await send()
    assert.equal(result.statusCode, 422)
    assert.deepEqual(seen, [])
    await send('acme')
    assert.deepEqual(seen, [{ tenant: 'acme' }])
  })

  it('can answer early: the business function is skipped, the summary and security headers remain', async () => {
    const send = endpointWith([
      {
        before: (request) =>
          request.event.queryStringParameters?.tenant === 'cached'
            ? { statusCode: 304, headers: { etag: '"1"' } }
            : undefined,
      },
    ])
    const { result, lines, calls } = await send('cached')
    assert.deepEqual(result, {
      statusCode: 304,
      headers: { ...SECURITY_HEADERS, etag: '"1"' },
    })
    assert.deepEqual(calls, [])
    assert.deepEqual(summaryStatus(lines), [304])
  })

  it('can refuse with createError(403): a problem response with one WARN line', async () => {
    const send = endpointWith([
      {
        before: (request) => {
          if (request.event.queryStringParameters?.tenant !== 'acme') {
            throw createError(403, 'Tenant not allowed')
          }
        },
      },
    ])
    const { result, lines, calls } = await send('other')
    assert.equal(result.statusCode, 403)
    assert.deepEqual(problemOf(result), {
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'Tenant not allowed',
      requestId: 'rid-mw',
    })
    const warnings = lines.filter((line) => line.level === 'WARN')
    assert.deepEqual(
      warnings.map(({ message, status, reason }) => ({ message, status, reason })),
      [{ message: 'request rejected', status: 403, reason: 'Tenant not allowed' }],
    )
    assert.deepEqual(calls, [])
    assert.deepEqual(summaryStatus(lines), [403])
  })

  it('can add a response header in after, on the success response', async () => {
    const send = endpointWith([
      {
        after: (request) => {
          if (request.response?.headers) request.response.headers['cache-control'] = 'max-age=60'
          if (request.response?.headers) request.response.headers['x-tenant'] = 'seen'
        },
      },
    ])
    const { result } = await send('acme')
    assert.equal(result.statusCode, 200)
    assert.equal(result.headers?.['x-tenant'], 'seen')
    // Its after hook runs after the success response is made, so its cache-control wins.
    assert.equal(result.headers?.['cache-control'], 'max-age=60')
    assert.equal(result.headers?.['x-content-type-options'], 'nosniff')
    assert.equal(result.body, '{"tenant":"acme"}')
  })

  it('turn an error thrown in after into a 500 problem with one ERROR line', async () => {
    const send = endpointWith([
      {
        after: () => {
          throw new Error('cache unavailable')
        },
      },
    ])
    const { result, lines } = await send('acme')
    assert.equal(result.statusCode, 500)
    assert.equal(problemOf(result).detail, 'Internal Server Error')
    assert.deepEqual(
      lines.filter((line) => line.level === 'ERROR').map((line) => line.status),
      [500],
    )
  })

  it('run their before hooks in the order listed', async () => {
    const order: string[] = []
    const send = endpointWith([
      { before: () => void order.push('first') },
      { before: () => void order.push('second') },
    ])
    await send('acme')
    assert.deepEqual(order, ['first', 'second'])
  })
})
