import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Logger } from '@aws-lambda-powertools/logger'
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware'
import middy from '@middy/core'
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda'
import { createLogger } from '../../src/lib/logger.ts'
import type { HttpInternal, HttpMiddleware, HttpResult } from '../../src/lib/types.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'
import { captureOutput } from '../helpers/output.ts'

/** Three invocations: keys appended, the level changed, a failure; lines logged in each. */
const script = async (use: (logger: Logger) => HttpMiddleware) => {
  const logger = createLogger({ logLevel: 'INFO', serviceName: 'test' })
  let call = 0
  const handler = middy<APIGatewayProxyEventV2, HttpResult, unknown, Context, HttpInternal>()
    .use(use(logger))
    .handler(async () => {
      call += 1
      if (call === 1) {
        logger.appendKeys({ tenant: 'first' })
        logger.setLogLevel('DEBUG')
      }
      if (call === 2) logger.appendKeys({ tenant: 'second' })
      logger.debug('debug line', { call })
      logger.info('info line', { call })
      if (call === 2) throw new Error('second fails')
      return { statusCode: 200 }
    })
  const { lines } = await captureOutput(async () => {
    for (const requestId of ['r1', 'r2', 'r3']) {
      await handler(buildEvent(), createContext({ awsRequestId: requestId })).catch(() => 'failed')
    }
  })
  return lines.map(({ timestamp: _, ...line }) => line)
}

// The chain's first middleware is Powertools' own, configured as src/http/create-http-handler.ts
// does: the event is logged by logEvent (body at DEBUG only), keys appended are reset per request.
describe('injectLambdaContext as the chain configures it', () => {
  const chainLambdaContext = (logger: Logger) =>
    injectLambdaContext(logger, { logEvent: false, resetKeys: true }) as HttpMiddleware

  it('adds the Lambda context, clears appended keys after success and failure, resets the level', async () => {
    const lines = await script(chainLambdaContext)
    assert.deepEqual(
      lines.map((l) => [l.message, l.call, l.function_request_id, l.tenant]),
      [
        // The key and the level set by the first invocation hold for the rest of it only.
        ['debug line', 1, 'r1', 'first'],
        ['info line', 1, 'r1', 'first'],
        ['info line', 2, 'r2', 'second'],
        ['info line', 3, 'r3', undefined],
      ],
    )
    assert.equal(lines[0]?.function_name, 'example-service-test-example')
  })
})
