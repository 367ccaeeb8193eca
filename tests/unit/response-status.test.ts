import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import middy from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import { createError } from '@middy/util'
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda'
import { createContext } from '../../fixtures/context.ts'
import { buildEvent } from '../../fixtures/events.ts'
import { responseStatus } from '../../src/lib/response-status.ts'
import type { HttpInternal, HttpResult } from '../../src/lib/types.ts'
import { problemDetails } from '../../src/middleware/problem-details.ts'

const withStatus = (statusCode: unknown, expose?: unknown) =>
  Object.assign(new Error('x'), expose === undefined ? { statusCode } : { statusCode, expose })

const cases: [string, unknown, number][] = [
  ['an exposed 4xx', createError(409, 'x'), 409],
  ['a 4xx with expose: false', createError(404, 'x', { expose: false }), 500],
  ['a 4xx with expose: null', withStatus(404, null), 500],
  ['a 4xx with a truthy expose', withStatus(404, 1), 404],
  ['a plain Error with a 4xx statusCode', withStatus(404), 404],
  ['a 5xx', createError(503, 'x'), 500],
  ['an exposed 5xx', createError(504, 'x', { expose: true }), 504],
  ['a plain object with a 5xx statusCode', { statusCode: 502 }, 500],
  ['a statusCode below 400', withStatus(302), 500],
  ['a statusCode of 0', withStatus(0), 500],
  ['a statusCode above 599', withStatus(600, true), 500],
  ['a fractional statusCode', withStatus(404.5), 500],
  ['a statusCode that is a string', withStatus('404'), 500],
  ['a plain Error', new Error('x'), 500],
  ['a string', '404', 500],
  ['null', null, 500],
  ['undefined', undefined, 500],
]

/** What the client really gets: the stock error handler, then the problem renderer. */
const answered = async (error: unknown) => {
  const handler = middy<APIGatewayProxyEventV2, HttpResult, unknown, Context, HttpInternal>()
    .use(problemDetails())
    .use(httpErrorHandler({ logger: false }))
    .handler(async () => {
      throw error
    })
  return (await handler(buildEvent(), createContext())).statusCode
}

describe('responseStatus', () => {
  for (const [name, error, status] of cases) {
    it(`is ${status} for ${name}, the status the chain answers with`, async () => {
      assert.equal(responseStatus(error), status)
      assert.equal(await answered(error), status)
    })
  }
})
