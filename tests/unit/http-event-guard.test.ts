import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { APIGatewayProxyEventV2 } from 'aws-lambda'
import { httpEventGuard } from '../../src/middleware/http-event-guard.ts'
import { buildEvent } from '../fixtures/events.ts'
import { middyRequest } from '../helpers/middy-request.ts'

const check = async (event: unknown) =>
  httpEventGuard().before?.(middyRequest(event as APIGatewayProxyEventV2))

describe('httpEventGuard', () => {
  for (const [name, event] of [
    ['a v2 event', buildEvent({ body: '{}', contentType: 'application/json' })],
    ['a v2 event without body', buildEvent()],
    ['a null body', { ...buildEvent(), body: null }],
    ['an empty object', {}],
    ['an object without requestContext', { body: 'a=1', headers: {} }],
  ] as const) {
    it(`lets ${name} through`, async () => {
      assert.equal(await check(event), undefined)
    })
  }

  for (const [event, why] of [
    [null, 'event is null'],
    ['x', 'event is string'],
    [0, 'event is number'],
    [[], 'event is array'],
    [{ body: 1 }, 'body is number'],
    [{ body: {} }, 'body is object'],
    [{ body: [] }, 'body is array'],
  ] as const) {
    it(`refuses ${JSON.stringify(event)} with an exposed 400 saying that ${why}`, async () => {
      await assert.rejects(check(event), {
        statusCode: 400,
        expose: true,
        message: `Not an API Gateway HTTP API event: ${why}`,
      })
    })
  }
})

describe('httpEventGuard on a method without body semantics', () => {
  for (const method of ['GET', 'HEAD', 'DELETE']) {
    it(`drops the body of a ${method}, so no body step reads it`, async () => {
      const event = buildEvent({ method, body: '{', contentType: 'application/json' })
      await check(event)
      assert.equal(event.body, undefined)
    })
  }

  for (const method of ['POST', 'PUT', 'PATCH', 'OPTIONS']) {
    it(`keeps the body of a ${method}`, async () => {
      const event = buildEvent({ method, body: '{', contentType: 'application/json' })
      await check(event)
      assert.equal(event.body, '{')
    })
  }
})
