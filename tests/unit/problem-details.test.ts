import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import middy from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import { createError } from '@middy/util'
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda'
import type { HttpInternal, HttpResult } from '../../src/lib/types.ts'
import { type ProblemDocument, problemDetails } from '../../src/middleware/problem-details.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'
import { type HttpRequest, middyRequest } from '../helpers/middy-request.ts'

const render = async (overrides: Partial<HttpRequest>, options = {}) => {
  const request = middyRequest(buildEvent({ requestId: 'req-problem' }), overrides)
  await problemDetails(options).onError?.(request)
  const response = request.response
  assert.ok(response)
  assert.equal(typeof response.body, 'string')
  return { response, problem: JSON.parse(response.body ?? '') as ProblemDocument }
}

describe('problemDetails', () => {
  it('renders a 4xx as problem+json exposing the error message', async () => {
    const error = createError(400, 'Body is not valid base64')
    const { response, problem } = await render({
      error,
      response: { statusCode: 400, headers: { 'Content-Type': 'text/plain' }, body: error.message },
    })
    assert.equal(response.statusCode, 400)
    assert.equal(response.headers?.['content-type'], 'application/problem+json')
    assert.deepEqual(problem, {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'Body is not valid base64',
      requestId: 'req-problem',
    })
  })

  it('uses the status title as detail when the 4xx error is not exposed', async () => {
    const error = createError(404, 'secret path /internal', { expose: false })
    const { problem } = await render({ error, response: { statusCode: 404 } })
    assert.equal(problem.detail, 'Not Found')
  })

  it('shows only the status title for a 5xx, even an exposed one with a secret message', async () => {
    const error = createError(503, 'db password=hunter2 at 10.0.0.1', { expose: true })
    const { response, problem } = await render({
      error,
      response: { statusCode: 503, headers: {}, body: error.message },
    })
    assert.equal(response.statusCode, 503)
    assert.deepEqual(problem, {
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail: 'Service Unavailable',
      requestId: 'req-problem',
    })
    assert.doesNotMatch(response.body ?? '', /hunter2/)
  })

  it('renders a 500 without a response (nothing picked a status yet)', async () => {
    const { response, problem } = await render({ error: new Error('TypeError: x is undefined') })
    assert.equal(response.statusCode, 500)
    assert.equal(problem.status, 500)
    assert.equal(problem.title, 'Internal Server Error')
    assert.equal(problem.detail, 'Internal Server Error')
    assert.doesNotMatch(response.body ?? '', /TypeError/)
  })

  for (const statusCode of [200, 302, 399, 600, 0, -1, 404.5, Number.NaN]) {
    it(`turns the non-error status ${statusCode} into 500`, async () => {
      const { response, problem } = await render({
        error: new Error('x'),
        response: { statusCode },
      })
      assert.equal(response.statusCode, 500)
      assert.equal(problem.status, 500)
    })
  }

  it('gives an unknown 4xx a generic title', async () => {
    const { problem } = await render({
      error: createError(499, 'closed'),
      response: { statusCode: 499 },
    })
    assert.equal(problem.status, 499)
    assert.equal(problem.title, 'Error')
    assert.equal(problem.detail, 'closed')
  })

  it('takes requestId from requestContext, falling back to the Lambda request id', async () => {
    const event = buildEvent({ requestId: 'from-gateway' })
    const request = middyRequest(event, { error: new Error('x') })
    await problemDetails().onError?.(request)
    assert.equal(JSON.parse(request.response?.body ?? '').requestId, 'from-gateway')

    const bare = { ...buildEvent() } as Partial<APIGatewayProxyEventV2>
    delete bare.requestContext
    const fallback = middyRequest(bare as APIGatewayProxyEventV2, {
      context: createContext({ awsRequestId: 'lambda-id' }),
      error: new Error('x'),
    })
    await problemDetails().onError?.(fallback)
    assert.equal(JSON.parse(fallback.response?.body ?? '').requestId, 'lambda-id')
  })

  it('renders for a null event (one the event guard refused) with the Lambda request id', async () => {
    const request = middyRequest(null as unknown as APIGatewayProxyEventV2, {
      context: createContext({ awsRequestId: 'lambda-id' }),
      error: createError(400, 'Not an API Gateway HTTP API event: event is null'),
      response: { statusCode: 400 },
    })
    await problemDetails().onError?.(request)
    assert.equal(JSON.parse(request.response?.body ?? '').requestId, 'lambda-id')
  })

  it('keeps existing headers with lower-cased names and drops stray content headers', async () => {
    const { response } = await render({
      error: createError(415, 'nope'),
      response: {
        statusCode: 415,
        headers: {
          'Accept-Post': 'application/json',
          'Content-Type': 'text/plain',
          'content-type': 'application/json',
          'Content-Length': 4,
        },
        body: 'nope',
      },
    })
    assert.deepEqual(response.headers, {
      'accept-post': 'application/json',
      'content-type': 'application/problem+json',
    })
  })

  it("keeps only the headers a client needs from the error's: never set-cookie or hop-by-hop", async () => {
    const allowed = {
      'www-authenticate': 'Bearer',
      'accept-post': 'application/json',
      'accept-encoding': 'gzip',
      allow: 'GET',
      'retry-after': '5',
      location: '/x',
    }
    const { response } = await render({
      error: createError(401, 'x'),
      response: {
        statusCode: 401,
        headers: {
          ...allowed,
          'Set-Cookie': 'upstream_session=abc',
          'x-internal-node': 'billing-7.prod.internal:8443',
          connection: 'keep-alive',
          'transfer-encoding': 'chunked',
          'keep-alive': 'timeout=5',
          'cache-control': 'public',
        },
      },
    })
    assert.deepEqual(response.headers, { ...allowed, 'content-type': 'application/problem+json' })
  })

  it('formats the stock error handler output when registered before it', async () => {
    const build = (fail: () => never) =>
      middy<APIGatewayProxyEventV2, HttpResult, unknown, Context, HttpInternal>()
        .use(problemDetails())
        .use(httpErrorHandler({ logger: false }))
        .handler(async () => fail())
    const context = createContext()
    const event = buildEvent({ requestId: 'chain' })

    const unsupported = await build(() => {
      const error = createError(415, 'Unsupported Media Type')
      error.headers = { 'accept-post': 'application/json' }
      throw error
    })(event, context)
    assert.equal(unsupported.statusCode, 415)
    assert.equal(unsupported.headers?.['accept-post'], 'application/json')
    assert.equal(unsupported.headers?.['content-type'], 'application/problem+json')
    assert.equal(unsupported.headers?.['Content-Type'], undefined)
    assert.equal(JSON.parse(unsupported.body ?? '').detail, 'Unsupported Media Type')

    const crashed = await build(() => {
      throw new Error('stack secret')
    })(event, context)
    assert.equal(crashed.statusCode, 500)
    assert.deepEqual(JSON.parse(crashed.body ?? ''), {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'Internal Server Error',
      requestId: 'chain',
    })
  })
})
