// What a Middy user gets from the stock parts alone, for `npm run bench` to measure the service's
// chain against:
//   npm run bench -- --floor bench/variants/stock-chain.ts
// Middy 7 with Powertools' `injectLambdaContext`, the two stock body parsers and the stock error
// handler, Powertools' Logger as shipped (its default line format) writing the same one INFO
// summary line per request as the service, and the same response. None of the service's own
// checks (strict base64, charsets, body limit, problem details): those are what the service adds.
import { Logger } from '@aws-lambda-powertools/logger'
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware'
import middy, { type MiddlewareObj } from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import httpJsonBodyParser from '@middy/http-json-body-parser'
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser'
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda'

const logger = new Logger()

const SUCCESS_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'x-custom-header': 'my custom header value',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
}

type Event = Omit<APIGatewayProxyEventV2, 'body'> & { body?: unknown }

type Middleware = MiddlewareObj<Event, APIGatewayProxyStructuredResultV2>

const requestSummary = (): Middleware => {
  const after: Middleware['after'] = ({ event, response }) => {
    const http = event.requestContext?.http
    logger.info('request completed', {
      http: {
        method: http?.method,
        routeKey: event.routeKey,
        status: response?.statusCode,
        contentType: event.headers?.['content-type'],
        sourceIp: http?.sourceIp,
        userAgent: http?.userAgent,
      },
    })
  }
  return { after, onError: after }
}

export const handler = middy<Event, APIGatewayProxyStructuredResultV2>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(requestSummary())
  .use(httpErrorHandler({ logger: false }))
  // Each parser passes over the other's media type instead of answering 415.
  .use(httpJsonBodyParser({ disableContentTypeError: true }))
  .use(httpUrlencodeBodyParser({ disableContentTypeError: true }))
  .handler(() => ({
    statusCode: 200,
    headers: SUCCESS_HEADERS,
    body: JSON.stringify({ message: 'ok' }),
  }))
