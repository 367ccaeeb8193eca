import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware'
import middy from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import { createError } from '@middy/util'
import type { Context } from 'aws-lambda'
import { bodyLimitBytes, timeoutMarginMs } from '../lib/config.ts'
import { logger as serviceLogger } from '../lib/logger.ts'
import { BODY_KINDS, type BodyKind } from '../lib/media-type.ts'
import type { HttpEvent, HttpInternal, HttpResult } from '../lib/types.ts'
import { httpBodyLimit } from '../middleware/http-body-limit.ts'
import { httpBodyParser } from '../middleware/http-body-parser.ts'
import { httpContentDecoding } from '../middleware/http-content-decoding.ts'
import { httpEventGuard } from '../middleware/http-event-guard.ts'
import { keepThrown } from '../middleware/keep-thrown.ts'
import { logEvent } from '../middleware/log-event.ts'
import { problemDetails } from '../middleware/problem-details.ts'
import { requestLog } from '../middleware/request-log.ts'
import { validatedParts, validateRequest } from '../middleware/validate-request.ts'
import type { AuthRequirement } from './auth.ts'
import type {
  BusinessInput,
  Endpoint,
  EndpointDescription,
  EndpointMiddleware,
  Headers,
  Responses,
  Schema,
} from './endpoint.ts'
import { REPLY, type Reply, respond } from './reply.ts'
import { createValidator, partsOf, type RequestParts } from './validate-input.ts'

/** Sent on every response, success or problem. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
}

export type HttpHandler = ((event: HttpEvent, context: Context) => Promise<HttpResult>) & {
  /** The declaration, for `npm run openapi`. */
  readonly endpoint: EndpointDescription
}

/**
 * What the implementation sees of an endpoint: the declaration with any schemas, and a business
 * function of unknown input (a method, so that any typed one fits); the overload carries the types.
 */
type AnyEndpoint = Omit<
  Endpoint<BodyKind, Schema, Schema, Schema, Schema, number, Responses, AuthRequirement<unknown>>,
  'handler'
> & {
  handler(input: BusinessInput<unknown, unknown, unknown>): unknown
}

/**
 * Builds an endpoint's Lambda handler: its business function inside the service's Middy chain.
 *
 * The order of the chain lives here and only here. `before` hooks run top to bottom, `after` and
 * `onError` hooks bottom to top:
 *
 * | # | middleware          | before                                   | after / onError                        |
 * |---|---------------------|------------------------------------------|----------------------------------------|
 * | 1 | injectLambdaContext | Lambda context on every line (Powertools) | clears keys added during the request  |
 * | 2 | requestLog          | correlation id, start time, body facts   | the INFO summary, last, with the status the client gets |
 * | 3 | httpEventGuard      | 400 for what is no HTTP event, so later `before` hooks may rely on one (1–2 and the onError hooks read any event) | |
 * | 4 | logEvent            | the event at DEBUG (INFO without body)   |                                        |
 * | 5 | problemDetails      |                                          | the status the client gets (400–599, else 500), its one WARN/ERROR line, the problem+json body |
 * | 6 | httpErrorHandler    |                                          | settles the status (Middy's `expose` rule); logs nothing |
 * | 7 | keepThrown          |                                          | keeps the thrown value for 5's log line |
 * | 8 | endpoint's `auth`   | only with `auth` (jwtAuth): 401 / 403 from the verified claims, before the body is read | |
 * | 9 | httpBodyLimit       | 413 from the length alone, before decoding |                                      |
 * |10 | httpContentDecoding | undoes Content-Encoding: 415 / 400, 413 past the limit decoded |                  |
 * |11 | httpBodyParser      | 415 / 400, or the parsed body            |                                        |
 * |   | handler step        | with schemas or `middlewares`, an inner Middy chain of the endpoint's own: |    |
 * |   |  validateRequest    | 422 listing every invalid field (only with schemas) |                             |
 * |   |  endpoint's `middlewares`, in order | their before hooks       | their after / onError hooks           |
 * |   |  business function | its data or `respond(...)` → the success response |                                |
 *
 * The endpoint's part is a chain of its own so that Middy's early return from one of its
 * middlewares ends only that part: the response still passes 1–11's after hooks (summary line,
 * security headers). Its errors, unhandled by its own onError hooks, reach 5–7 like any other.
 */
export function createHttpHandler<
  K extends BodyKind = BodyKind,
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  R extends Schema | undefined = undefined,
  D extends number = 200,
  RS extends Responses = Record<never, never>,
  A extends AuthRequirement<unknown> | undefined = undefined,
>(endpoint: Endpoint<K, B, Q, P, R, D, RS, A>): HttpHandler
export function createHttpHandler(endpoint: AnyEndpoint): HttpHandler {
  const { request = {}, response = {}, responses = {}, problems = [], middlewares = [] } = endpoint
  const logger = endpoint.logger ?? serviceLogger
  const margin = endpoint.timeoutMarginMs ?? timeoutMarginMs()
  const maxBytes = endpoint.maxBodyBytes ?? bodyLimitBytes()
  const status = response.status ?? 200
  if (!Number.isInteger(status) || status < 200 || status > 299) {
    throw new RangeError(`createHttpHandler: response.status must be 200–299, got ${status}`)
  }
  // The other statuses' ranges are checked by the test suite (scripts/lib/route-check.ts), not at
  // every cold start.
  const description: EndpointDescription = {
    // A body schema is written for one kind; a form would reach it as a flat record of strings.
    accepts: [...(request.accepts ?? (request.body ? ['json'] : BODY_KINDS))],
    schemas: { body: request.body, query: request.query, path: request.path },
    status,
    headers: { ...response.headers },
    responseBody: response.body,
    responses,
    problems,
    auth: endpoint.auth,
    middlewares,
  }
  const validate = createValidator(description.schemas)
  const fixedHeaders: Headers = { ...response.headers, ...SECURITY_HEADERS }

  // Defects, answered 500 with the ERROR line saying why: never an undeclared status, and never a
  // Lambda result serialised as a success body. A copy of the headers per response: a later
  // `after` middleware adding a header must not change the next one.
  const answer = (data: unknown): HttpResult => {
    const reply = (data as Reply | null)?.[REPLY]
    let statusCode = status
    let body = data
    let extra: Headers | undefined
    if (reply === undefined) {
      if ('statusCode' in Object(data))
        throw new Error('Lambda result returned as data; use respond()')
    } else {
      if (reply !== status && !(reply in responses))
        throw new Error(`respond(${reply}): undeclared status`)
      statusCode = reply
      ;({ body, headers: extra } = data as Reply)
    }
    return statusCode === 204
      ? { statusCode, headers: { ...extra, ...fixedHeaders } }
      : {
          statusCode,
          headers: { 'content-type': 'application/json; charset=utf-8', ...extra, ...fixedHeaders },
          body: JSON.stringify(body ?? null),
        }
  }

  // The handler step, given where the business function's parts come from.
  const run: Run =
    (partsFor) =>
    (event, context, { signal }) => {
      const data = endpoint.handler({
        ...partsFor(event),
        event,
        context,
        signal,
        logger,
        respond,
        auth: endpoint.auth?.contextOf(event),
      })
      // Middy arms its early-timeout timer only for a promise; a synchronous business function
      // cannot be interrupted anyway, so its result is answered without one.
      return typeof (data as PromiseLike<unknown> | null)?.then === 'function'
        ? Promise.resolve(data).then(answer)
        : answer(data)
    }

  const timeout = {
    timeoutEarlyInMillis: margin,
    timeoutEarlyResponse: () => {
      // expose: the stock handler turns unexposed 5xx into 500; the problem renderer still hides
      // the message from the client.
      throw createError(504, `Handler still running ${margin} ms before the Lambda timeout`, {
        expose: true,
      })
    },
  }
  // With validation or middlewares of its own, the endpoint's part runs the early timeout, so its
  // business function gets that part's signal; the outer chain then has none.
  const own = validate || middlewares.length > 0
  const chain = middy<HttpEvent, HttpResult, unknown, Context, HttpInternal>(
    own ? { timeoutEarlyInMillis: 0 } : timeout,
  )
    .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
    .use(requestLog({ logger }))
    .use(httpEventGuard())
    .use(logEvent({ logger }))
    .use(problemDetails({ headers: SECURITY_HEADERS, logger }))
    .use(httpErrorHandler({ logger: false }))
    .use(keepThrown())
    // `auth` is the check itself, imported by the endpoint's own file from `#http/auth`.
    .use(endpoint.auth ?? [])
    .use(httpBodyLimit({ maxBytes }))
    .use(httpContentDecoding({ maxBytes }))
    .use(httpBodyParser({ accepts: description.accepts }))
    .handler(own ? endpointChain(validate, middlewares, run, timeout) : run(partsOf))

  return Object.assign(chain, { endpoint: description })
}

type Run = (
  partsFor: (event: HttpEvent) => RequestParts,
) => (
  event: HttpEvent,
  context: Context,
  options: { signal: AbortSignal },
) => HttpResult | Promise<HttpResult>

/** The endpoint's own part of the chain: validation, its middlewares, the business function. */
const endpointChain = (
  validate: ((parts: RequestParts) => Promise<RequestParts>) | undefined,
  middlewares: readonly EndpointMiddleware[],
  run: Run,
  timeout: { timeoutEarlyInMillis: number; timeoutEarlyResponse: () => never },
) => {
  const inner = middy<HttpEvent, HttpResult, unknown, Context>(timeout)
    .use(validate ? validateRequest({ validate }) : [])
    .use(middlewares as EndpointMiddleware[])
    // A middleware that replaced request.event leaves no parts (spread as none): the business
    // function then gets none, never unvalidated ones (docs/endpoints.md).
    .handler(run((validate ? validatedParts : partsOf) as (event: HttpEvent) => RequestParts))
  return async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    const result = await inner(event, context)
    // A response a middleware returned early gets the headers every response carries, unless the
    // endpoint's middleware chose its own (a per-endpoint cache-control, say).
    return { ...result, headers: { ...SECURITY_HEADERS, ...result.headers } }
  }
}
