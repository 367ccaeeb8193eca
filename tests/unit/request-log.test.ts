import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Logger } from '@aws-lambda-powertools/logger'
import middy from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import { createError } from '@middy/util'
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda'
import { createLogger } from '../../src/lib/logger.ts'
import type { HttpInternal, HttpResult } from '../../src/lib/types.ts'
import { httpBodyParser } from '../../src/middleware/http-body-parser.ts'
import { problemDetails } from '../../src/middleware/problem-details.ts'
import { requestLog } from '../../src/middleware/request-log.ts'
import { context, createContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'
import { middyRequest } from '../helpers/middy-request.ts'
import { captureOutput } from '../helpers/output.ts'

const newLogger = () => createLogger({ logLevel: 'INFO', serviceName: 'test' })

const httpOf = (line: Record<string, unknown> | undefined) => {
  assert.ok(line)
  assert.equal(line.level, 'INFO')
  assert.equal(line.message, 'request completed')
  return line.http as Record<string, unknown>
}

const chain = (logger: Logger, business: (event: APIGatewayProxyEventV2) => unknown) =>
  middy<APIGatewayProxyEventV2, HttpResult, unknown, Context, HttpInternal>()
    .use(requestLog({ logger }))
    .use(problemDetails())
    .use(httpErrorHandler({ logger: false }))
    .use(httpBodyParser())
    .handler(async (event) => {
      await business(event)
      return { statusCode: 201, body: '{}' }
    })

describe('requestLog', () => {
  it('writes one INFO summary line with the request facts when called directly', async () => {
    const logger = newLogger()
    const middleware = requestLog({ logger })
    const event = buildEvent({
      body: 'ééé',
      contentType: 'text/plain; charset=utf-8',
      requestId: 'req-42',
    })
    const request = middyRequest(event)
    const { lines } = await captureOutput(async () => {
      await middleware.before?.(request)
      request.response = { statusCode: 204 }
      await middleware.after?.(request)
    })
    assert.equal(lines.length, 1)
    assert.equal(lines[0]?.correlation_id, 'req-42')
    const http = httpOf(lines[0])
    assert.equal(typeof http.durationMs, 'number')
    assert.ok(Number(http.durationMs) >= 0)
    assert.deepEqual(
      { ...http, durationMs: 0 },
      {
        method: 'POST',
        routeKey: 'POST /example',
        status: 204,
        contentType: 'text/plain; charset=utf-8',
        bodyBytes: 6,
        durationMs: 0,
        sourceIp: '203.0.113.10',
        userAgent: 'curl/8.5.0',
      },
    )
  })

  it('summarises an event that is null or a primitive (it runs before the event guard)', async () => {
    for (const event of [null, 'x', 42]) {
      const logger = newLogger()
      const middleware = requestLog({ logger })
      const request = middyRequest(event as unknown as APIGatewayProxyEventV2, {
        context: createContext({ awsRequestId: 'lambda-id' }),
      })
      const { lines } = await captureOutput(async () => {
        await middleware.before?.(request)
        request.response = { statusCode: 400 }
        await middleware.onError?.(request)
      })
      assert.equal(lines[0]?.correlation_id, 'lambda-id', String(event))
      assert.deepEqual(
        { ...httpOf(lines[0]), durationMs: 0 },
        { status: 400, bodyBytes: 0, durationMs: 0 },
      )
    }
  })

  it('writes nothing before the request ends', async () => {
    const request = middyRequest(buildEvent())
    const { text } = await captureOutput(() =>
      requestLog({ logger: newLogger() }).before?.(request),
    )
    assert.equal(text, '')
  })

  it('measures the duration of the request', async () => {
    const middleware = requestLog({ logger: newLogger() })
    const request = middyRequest(buildEvent())
    const { lines } = await captureOutput(async () => {
      await middleware.before?.(request)
      await new Promise((resolve) => setTimeout(resolve, 30))
      await middleware.after?.(request)
    })
    assert.ok(Number(httpOf(lines[0]).durationMs) >= 25)
  })

  it('reports the decoded size of a base64 body even after the parser replaced it', async () => {
    const logger = newLogger()
    const event = buildEvent({
      body: 'a=1&b=2',
      base64: true,
      contentType: 'application/x-www-form-urlencoded',
    })
    assert.equal(event.body, 'YT0xJmI9Mg==')
    const { lines } = await captureOutput(() => chain(logger, () => undefined)(event, context))
    assert.equal(lines.length, 1)
    const http = httpOf(lines[0])
    assert.equal(http.bodyBytes, 7)
    assert.equal(http.status, 201)
    assert.equal(http.contentType, 'application/x-www-form-urlencoded')
  })

  it('logs once on the error path with the status of the problem response', async () => {
    const logger = newLogger()
    const event = buildEvent({ body: '<a/>', contentType: 'application/xml', requestId: 'req-415' })
    const { lines, result } = await captureOutput(() =>
      chain(logger, () => undefined)(event, context),
    )
    assert.equal(result.statusCode, 415)
    assert.equal(lines.length, 1)
    assert.equal(lines[0]?.correlation_id, 'req-415')
    const http = httpOf(lines[0])
    assert.equal(http.status, 415)
    assert.equal(http.contentType, 'application/xml')
    assert.equal(http.bodyBytes, 4)
  })

  it('logs status 500 when the business function throws', async () => {
    const logger = newLogger()
    const business = () => {
      throw new Error('boom')
    }
    const { lines, result } = await captureOutput(() =>
      chain(logger, business)(buildEvent(), context),
    )
    assert.equal(result.statusCode, 500)
    assert.equal(lines.length, 1)
    assert.equal(httpOf(lines[0]).status, 500)
  })

  it('logs status 500 on the error path when no response was set', async () => {
    const logger = newLogger()
    const middleware = requestLog({ logger })
    const request = middyRequest(buildEvent(), { error: createError(400, 'x') })
    const { lines } = await captureOutput(async () => {
      await middleware.before?.(request)
      await middleware.onError?.(request)
    })
    assert.equal(httpOf(lines[0]).status, 500)
  })

  it('tags other lines of the invocation with the request id and switches it per request', async () => {
    const logger = newLogger()
    const handler = chain(logger, () => logger.info('business'))
    const { lines } = await captureOutput(async () => {
      await handler(buildEvent({ requestId: 'first' }), context)
      await handler(buildEvent({ requestId: 'second' }), context)
    })
    assert.deepEqual(
      lines.map((line) => [line.message, line.correlation_id]),
      [
        ['business', 'first'],
        ['request completed', 'first'],
        ['business', 'second'],
        ['request completed', 'second'],
      ],
    )
  })

  it('falls back to the Lambda request id without a requestContext', async () => {
    const event = { ...buildEvent() } as Partial<APIGatewayProxyEventV2>
    delete event.requestContext
    const request = middyRequest(event as APIGatewayProxyEventV2, {
      context: createContext({ awsRequestId: 'lambda-req' }),
    })
    const middleware = requestLog({ logger: newLogger() })
    const { lines } = await captureOutput(async () => {
      await middleware.before?.(request)
      await middleware.after?.(request)
    })
    assert.equal(lines[0]?.correlation_id, 'lambda-req')
    assert.equal(httpOf(lines[0]).method, undefined)
  })

  it('reads a content type sent with any header casing and reports 0 bytes without a body', async () => {
    const middleware = requestLog({ logger: newLogger() })
    const request = middyRequest(buildEvent({ headers: { 'Content-Type': 'text/plain' } }))
    const { lines } = await captureOutput(async () => {
      await middleware.before?.(request)
      await middleware.after?.(request)
    })
    const http = httpOf(lines[0])
    assert.equal(http.contentType, 'text/plain')
    assert.equal(http.bodyBytes, 0)
  })
})
