import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware'
import middy from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import { createError } from '@middy/util'
import type { Context } from 'aws-lambda'
import { bodyLimitBytes, timeoutMarginMs } from '../lib/config.ts'
import { logHttpError } from '../lib/log-http-error.ts'
import { logger as serviceLogger } from '../lib/logger.ts'
import { BODY_KINDS, type BodyKind } from '../lib/media-type.ts'
import type { HttpEvent, HttpInternal, HttpResult } from '../lib/types.ts'
import { httpBodyLimit } from '../middleware/http-body-limit.ts'
import { httpBodyParser } from '../middleware/http-body-parser.ts'
import { httpContentDecoding } from '../middleware/http-content-decoding.ts'
import { httpEventGuard } from '../middleware/http-event-guard.ts'
import { logEvent } from '../middleware/log-event.ts'
import { problemDetails } from '../middleware/problem-details.ts'
import { requestLog } from '../middleware/request-log.ts'
import type { BusinessInput, Endpoint, EndpointDescription, Params, Schema } from './endpoint.ts'
import { createValidator, type RequestParts } from './validate-input.ts'

/** Sent on every response, success or problem. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
}

const NO_PARAMS: Params = Object.freeze({})

export type HttpHandler = ((event: HttpEvent, context: Context) => Promise<HttpResult>) & {
  /** The declaration, for `npm run openapi`. */
  readonly endpoint: EndpointDescription
}

/**
 * What the implementation sees of an endpoint: the declaration with any schemas, and a business
 * function of unknown input (a method, so that any typed one fits); the overload carries the types.
 */
type AnyEndpoint = Omit<Endpoint<BodyKind, Schema, Schema, Schema, Schema>, 'handler'> & {
  handler(input: BusinessInput<unknown, unknown, unknown>): unknown
}

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === 'function'

/**
 * Builds an endpoint's Lambda handler: its business function inside the service's Middy chain.
 *
 * The order of the chain lives here and only here. `before` hooks run top to bottom, `after` and
 * `onError` hooks bottom to top:
 *
 * | # | middleware          | before                                   | after / onError                        |
 * |---|---------------------|------------------------------------------|----------------------------------------|
 * | 1 | lambdaContext       | Lambda context on every line             | clears keys added during the request   |
 * | 2 | requestLog          | correlation id, start time, body facts   | the INFO summary, last, with the status the client gets |
 * | 3 | httpEventGuard      | 400 for what is no HTTP event, so later `before` hooks may rely on one (1–2 and the onError hooks read any event) | |
 * | 4 | logEvent            | the event at DEBUG (INFO without body)   |                                        |
 * | 5 | problemDetails      |                                          | renders the error as problem+json, after 6 chose the status |
 * | 6 | httpErrorHandler    |                                          | status from the error; logs WARN/ERROR |
 * | 7 | httpBodyLimit       | 413 from the length alone, before decoding |                                      |
 * | 8 | httpContentDecoding | undoes Content-Encoding: 415 / 400, 413 past the limit decoded |                  |
 * | 9 | httpBodyParser      | 415 / 400, or the parsed body            |                                        |
 * |   | handler step        | validation (422), business function, success response |                           |
 */
export function createHttpHandler<
  K extends BodyKind = BodyKind,
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  R extends Schema | undefined = undefined,
>(endpoint: Endpoint<K, B, Q, P, R>): HttpHandler
export function createHttpHandler(endpoint: AnyEndpoint): HttpHandler {
  const { request = {}, response = {} } = endpoint
  const logger = endpoint.logger ?? serviceLogger
  const margin = endpoint.timeoutMarginMs ?? timeoutMarginMs()
  const maxBytes = endpoint.maxBodyBytes ?? bodyLimitBytes()
  const status = response.status ?? 200
  if (!Number.isInteger(status) || status < 200 || status > 299) {
    throw new RangeError(`createHttpHandler: response.status must be 200–299, got ${status}`)
  }
  const description: EndpointDescription = {
    accepts: [...(request.accepts ?? BODY_KINDS)],
    schemas: { body: request.body, query: request.query, path: request.path },
    status,
    headers: { ...response.headers },
    responseBody: response.body,
  }
  const validate = createValidator(description.schemas)
  const successHeaders: Record<string, string> = {
    ...(status === 204 ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    ...response.headers,
    ...SECURITY_HEADERS,
  }

  // A copy per response: a later `after` middleware adding a header must not change the next one.
  const respond = (data: unknown): HttpResult =>
    status === 204
      ? { statusCode: status, headers: { ...successHeaders } }
      : { statusCode: status, headers: { ...successHeaders }, body: JSON.stringify(data ?? null) }

  const run = (input: BusinessInput<unknown, unknown, unknown>) => {
    const data = endpoint.handler(input)
    // Middy arms its early-timeout timer only for a promise; a synchronous business function
    // cannot be interrupted anyway, so its result is answered without one.
    return isPromiseLike(data) ? Promise.resolve(data).then(respond) : respond(data)
  }

  const chain = middy<HttpEvent, HttpResult, unknown, Context, HttpInternal>({
    timeoutEarlyInMillis: margin,
    timeoutEarlyResponse: () => {
      // expose: the stock handler turns unexposed 5xx into 500; the problem renderer still hides
      // the message from the client.
      throw createError(504, `Handler still running ${margin} ms before the Lambda timeout`, {
        expose: true,
      })
    },
  })
    .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
    .use(requestLog({ logger }))
    .use(httpEventGuard())
    .use(logEvent({ logger }))
    .use(problemDetails({ headers: SECURITY_HEADERS }))
    .use(httpErrorHandler({ logger: logHttpError(logger) }))
    .use(httpBodyLimit({ maxBytes }))
    .use(httpContentDecoding({ maxBytes }))
    .use(httpBodyParser({ accepts: description.accepts }))
    // Validation runs here, after parsing, rather than in a middleware: Middy hands only the event
    // from step to step, and this way each schema's output reaches the business function typed.
    .handler((event, context, { signal }) => {
      const parts: RequestParts = {
        body: event.body,
        query: event.queryStringParameters ?? NO_PARAMS,
        path: event.pathParameters ?? NO_PARAMS,
      }
      const business = (valid: RequestParts) => run({ ...valid, event, context, signal })
      return validate ? validate(parts).then(business) : business(parts)
    })

  return Object.assign(chain, { endpoint: description })
}
