import type { Logger } from '@aws-lambda-powertools/logger'
import { bodyFacts } from '../lib/body-facts.ts'
import type { HttpMiddleware } from '../lib/types.ts'

export interface RequestLogOptions {
  logger: Logger
}

/**
 * Tags every line of the invocation with the API Gateway request id and writes one INFO summary
 * line when the request ends, whatever the outcome, with the status the client receives, then
 * clears the keys appended during the request. It reads
 * any event, even null, optionally: a malformed one is refused after it, and still summarised.
 */
export const requestLog = ({ logger }: RequestLogOptions): HttpMiddleware => {
  const requestLogBefore: HttpMiddleware['before'] = (request) => {
    const { event, context, internal } = request
    logger.setCorrelationId(event?.requestContext?.requestId ?? context.awsRequestId)
    // Not performance.now(): the first use of `performance` loads perf_hooks, ~0.5 ms of CPU on
    // a cold start (Lambda's runtime has not loaded it), ~4 ms of wall time at the 256 MB share.
    internal.startedAt = process.hrtime.bigint()
  }

  const requestLogAfter: HttpMiddleware['after'] = (request) => {
    const { event, response, internal } = request
    const http = event?.requestContext?.http
    // The body steps' facts; read from the event here when the request was refused before them.
    const body = bodyFacts(request)
    const startedAt = internal.startedAt
    logger.info('request completed', {
      http: {
        method: http?.method,
        routeKey: event?.routeKey,
        status: response?.statusCode ?? 500,
        contentType: body.contentType,
        bodyBytes: body.bytes,
        durationMs:
          startedAt === undefined
            ? undefined
            : Math.round(Number(process.hrtime.bigint() - startedAt) / 1000) / 1000,
        sourceIp: http?.sourceIp,
        userAgent: http?.userAgent,
      },
      // The subject of a token an endpoint's auth check read, for audit; no other claim.
      sub: internal.sub,
    })
    // The request's keys (its correlation id, any a business function appended) end with it.
    logger.resetKeys()
  }

  return { before: requestLogBefore, after: requestLogAfter, onError: requestLogAfter }
}
