import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import middy from '@middy/core'
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda'
import type { HttpInternal, HttpResult } from '../../src/lib/types.ts'
import { httpBodyLimit } from '../../src/middleware/http-body-limit.ts'
import { httpBodyParser } from '../../src/middleware/http-body-parser.ts'
import { context } from '../fixtures/context.ts'
import { buildEvent, type EventInput } from '../fixtures/events.ts'
import { middyRequest } from '../helpers/middy-request.ts'

const check = async (maxBytes: number, input: EventInput) => {
  const request = middyRequest(buildEvent(input))
  await httpBodyLimit({ maxBytes }).before?.(request)
  return request
}

const rejects413 = (error: unknown): boolean => {
  const { statusCode, message } = error as { statusCode?: unknown; message?: unknown }
  return statusCode === 413 && typeof message === 'string' && /limit/.test(message)
}

describe('httpBodyLimit', () => {
  it('accepts a body exactly at the limit', async () => {
    const request = await check(10, { body: 'a'.repeat(10), contentType: 'text/plain' })
    assert.equal(request.event.body, 'a'.repeat(10))
  })

  it('rejects a body one byte over the limit with 413', async () => {
    await assert.rejects(check(10, { body: 'a'.repeat(11), contentType: 'text/plain' }), rejects413)
  })

  it('counts UTF-8 bytes, not characters', async () => {
    await check(6, { body: 'ééé', contentType: 'text/plain' })
    await assert.rejects(check(5, { body: 'ééé', contentType: 'text/plain' }), rejects413)
  })

  it('counts the decoded size of a base64 body, not its encoded length', async () => {
    // 9 bytes encode to 12 base64 characters.
    const input = {
      body: Buffer.alloc(9, 1),
      base64: true,
      contentType: 'application/octet-stream',
    }
    assert.equal(buildEvent(input).body?.length, 12)
    await check(9, input)
    await assert.rejects(check(8, input), rejects413)
  })

  it('measures padded base64 exactly around the limit', async () => {
    for (const size of [1, 2, 3, 4, 5]) {
      const input = { body: Buffer.alloc(size, 7), base64: true }
      await check(size, input)
      await assert.rejects(check(size - 1, input), rejects413, `size ${size}`)
    }
  })

  it('lets empty and missing bodies through even with a zero limit', async () => {
    for (const body of [undefined, null, '']) {
      await check(0, { body })
    }
    await check(0, { body: '', base64: true })
    await assert.rejects(check(0, { body: 'a' }), rejects413)
  })

  it('does not modify the event', async () => {
    const input = { body: 'YWJj', base64: false, contentType: 'text/plain' }
    const request = await check(100, input)
    assert.deepEqual(
      request.event,
      buildEvent({ ...input, requestId: request.event.requestContext.requestId }),
    )
  })

  it('says in the message how large the body was and what the limit is', async () => {
    await assert.rejects(check(3, { body: 'abcde' }), (error: unknown) => {
      const { message, expose } = error as { message: string; expose: boolean }
      return message.includes('5') && message.includes('3') && expose === true
    })
  })

  it('defaults to a 1 MiB limit', async () => {
    const middleware = httpBodyLimit()
    const request = (body: string) => middyRequest(buildEvent({ body, contentType: 'text/plain' }))
    await middleware.before?.(request('a'.repeat(1024 * 1024)))
    await assert.rejects(
      async () => middleware.before?.(request('a'.repeat(1024 * 1024 + 1))),
      rejects413,
    )
  })

  for (const maxBytes of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    it(`refuses the invalid option maxBytes: ${maxBytes}`, () => {
      assert.throws(() => httpBodyLimit({ maxBytes }), TypeError)
    })
  }

  it('rejects an oversized body before the parser sees it', async () => {
    let parsed = false
    const handler = middy<APIGatewayProxyEventV2, HttpResult, unknown, Context, HttpInternal>()
      .use(httpBodyLimit({ maxBytes: 4 }))
      .use(httpBodyParser())
      .handler(async () => {
        parsed = true
        return { statusCode: 200 }
      })
    // Malformed JSON: if the parser ran first this would be a 400.
    const event = buildEvent({ body: '{"a":', contentType: 'application/json' })
    await assert.rejects(handler(event, context), rejects413)
    assert.equal(parsed, false)
    assert.equal(event.body, '{"a":')
  })
})
