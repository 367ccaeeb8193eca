import type { Logger } from '@aws-lambda-powertools/logger'
import middy from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import { createError } from '@middy/util'
import type { Context } from 'aws-lambda'
import { httpBodyLimit } from '../middleware/http-body-limit.ts'
import { httpBodyParser } from '../middleware/http-body-parser.ts'
import { lambdaContext } from '../middleware/lambda-context.ts'
import { logEvent } from '../middleware/log-event.ts'
import { problemDetails } from '../middleware/problem-details.ts'
import { requestLog } from '../middleware/request-log.ts'
import { bodyLimitBytes, timeoutMarginMs } from './config.ts'
import { logHttpError } from './log-http-error.ts'
import { logger as defaultLogger } from './logger.ts'
import type { HttpEvent, HttpInternal, HttpResult, ParsedBody } from './types.ts'

export interface BusinessInput {
  /** Parsed body: JSON value, form record, text, or undefined when the request had no body. */
  body: ParsedBody
  event: HttpEvent
  context: Context
  /** Aborted when the early-timeout fires, so long work can stop. */
  signal: AbortSignal
}

export type BusinessFunction = (input: BusinessInput) => unknown

export interface HttpHandlerOptions {
  /** Headers added to successful responses. */
  headers?: Record<string, string>
  logger?: Logger
  maxBodyBytes?: number
  /** Answer 504 this long before the Lambda deadline. */
  timeoutMarginMs?: number
}

/** Sent on every response, success or problem. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
}

/**
 * Wraps a business function in the service's middleware chain. Order matters: `before` hooks run
 * top to bottom, `after`/`onError` bottom to top, so the request summary is written last and the
 * problem document is rendered after the stock error handler has picked the status.
 */
export const createHttpHandler = (business: BusinessFunction, options: HttpHandlerOptions = {}) => {
  const logger = options.logger ?? defaultLogger
  const margin = options.timeoutMarginMs ?? timeoutMarginMs()
  const successHeaders = {
    'content-type': 'application/json; charset=utf-8',
    ...options.headers,
    ...SECURITY_HEADERS,
  }

  // A copy per response: a later `after` middleware adding a header must not change the next one.
  const respond = (data: unknown): HttpResult => ({
    statusCode: 200,
    headers: { ...successHeaders },
    body: JSON.stringify(data ?? null),
  })

  return middy<HttpEvent, HttpResult, unknown, Context, HttpInternal>({
    timeoutEarlyInMillis: margin,
    timeoutEarlyResponse: () => {
      // expose: the stock handler turns unexposed 5xx into 500; the problem renderer still hides
      // the message from the client.
      throw createError(504, `Handler still running ${margin} ms before the Lambda timeout`, {
        expose: true,
      })
    },
  })
    .use(lambdaContext({ logger }))
    .use(requestLog({ logger }))
    .use(logEvent({ logger }))
    .use(problemDetails({ headers: SECURITY_HEADERS }))
    .use(httpErrorHandler({ logger: logHttpError(logger) }))
    .use(httpBodyLimit({ maxBytes: options.maxBodyBytes ?? bodyLimitBytes() }))
    .use(httpBodyParser())
    .handler((event, context, { signal }) => {
      const body = event.body as unknown as ParsedBody
      const data = business({ body, event, context, signal })
      // Middy arms its early-timeout timer only for a promise; a synchronous business function
      // cannot be interrupted anyway, so its result is answered without one.
      if (typeof (data as PromiseLike<unknown> | null)?.then === 'function') {
        return Promise.resolve(data).then(respond)
      }
      return respond(data)
    })
}
