import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createHttpHandler } from '../../src/http/index.ts'
import { createLogger } from '../../src/lib/logger.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'
import { captureOutput } from '../helpers/output.ts'

describe("the business function's logger", () => {
  it("writes lines with the request's correlation id and Lambda context, secrets redacted", async () => {
    const logger = createLogger({ logLevel: 'INFO', serviceName: 'orders-test' })
    const handler = createHttpHandler({
      auth: 'public',
      logger,
      handler: ({ event, logger: log }) => {
        log.info('order accepted', { orderId: 'o-1', headers: event.headers })
        return null
      },
    })
    const event = buildEvent({
      requestId: 'rid-business',
      headers: { authorization: 'Bearer SECRET-TOKEN', 'x-trace': 't-1' },
    })
    const context = createContext({ awsRequestId: 'req-0001' })
    const { lines, text } = await captureOutput(() => handler(event, context))
    const business = lines.filter((line) => line.message === 'order accepted')
    assert.equal(business.length, 1)
    const { timestamp, headers, ...line } = business[0] ?? {}
    assert.equal(typeof timestamp, 'string')
    assert.deepEqual(line, {
      level: 'INFO',
      message: 'order accepted',
      service: 'orders-test',
      cold_start: false,
      function_arn:
        'arn:aws:lambda:eu-central-1:123456789012:function:example-service-test-example',
      function_memory_size: '256',
      function_name: 'example-service-test-example',
      function_request_id: 'req-0001',
      sampling_rate: 0,
      correlation_id: 'rid-business',
      orderId: 'o-1',
    })
    assert.equal((headers as Record<string, unknown>).authorization, '[REDACTED]')
    assert.equal((headers as Record<string, unknown>)['x-trace'], 't-1')
    assert.doesNotMatch(text, /SECRET-TOKEN/)
  })
})
