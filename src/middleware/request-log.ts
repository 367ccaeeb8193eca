import type { Logger } from '@aws-lambda-powertools/logger'
import { bodyByteLength } from '../lib/body.ts'
import { getHeader } from '../lib/headers.ts'
import type { HttpMiddleware } from '../lib/types.ts'

export interface RequestLogOptions {
  logger: Logger
}

/**
 * Tags every line of the invocation with the API Gateway request id and writes one INFO summary
 * line when the request ends, whatever the outcome. Register it right after `lambdaContext`
 * so that its `after`/`onError` run last, once the response (or problem document) exists.
 */
export const requestLog = ({ logger }: RequestLogOptions): HttpMiddleware => {
  const requestLogBefore: HttpMiddleware['before'] = ({ event, context, internal }) => {
    logger.setCorrelationId(event.requestContext?.requestId ?? context.awsRequestId)
    // Captured before the body parsers replace the raw body and clear `isBase64Encoded`.
    internal.requestLog = {
      startedAt: performance.now(),
      bodyBytes: bodyByteLength(event.body, event.isBase64Encoded),
      contentType: getHeader(event.headers, 'content-type'),
    }
  }

  const requestLogAfter: HttpMiddleware['after'] = ({ event, response, internal }) => {
    const http = event.requestContext?.http
    const started = internal.requestLog
    logger.info('request completed', {
      http: {
        method: http?.method,
        routeKey: event.routeKey,
        status: response?.statusCode ?? 500,
        contentType: started?.contentType,
        bodyBytes: started?.bodyBytes,
        durationMs: started && Math.round((performance.now() - started.startedAt) * 1000) / 1000,
        sourceIp: http?.sourceIp,
        userAgent: http?.userAgent,
      },
    })
  }

  return { before: requestLogBefore, after: requestLogAfter, onError: requestLogAfter }
}
