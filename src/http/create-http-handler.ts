import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware'
import middy from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import { createError } from '@middy/util'
import type { Context } from 'aws-lambda'
import { bodyLimitBytes, responseValidation, timeoutMarginMs } from '../lib/config.ts'
import { logger as serviceLogger } from '../lib/logger.ts'
import { BODY_KINDS, type BodyKind } from '../lib/media-type.ts'
import { jsonPointer } from '../lib/schema-issues.ts'
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
  AuthStance,
  BusinessInput,
  Endpoint,
  EndpointDescription,
  EndpointMiddleware,
  Headers,
  Responses,
  Schema,
} from './endpoint.ts'
import { bodySchemaOf, REPLY, type Reply, respond } from './reply.ts'
import { createValidator, partsOf, type RequestParts } from './validate-input.ts'

/**
 * Sent on every response, success or problem, for a JSON API: nothing cached, sniffed, framed,
 * loaded cross-origin or referred, and HTTPS only. A value the endpoint chose for one of them
 * (respond()'s headers, its middleware) is kept; a problem carries none of its own.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
}

export type HttpHandler = ((event: HttpEvent, context: Context) => Promise<HttpResult>) & {
  /** The declaration, for `npm run openapi`. */
  readonly endpoint: EndpointDescription
}

/**
 * `auth` as the implementation sees it: `'public'` is a string, so it has no `contextOf`; the
 * chain then runs no check and gives no identity, at the cost of a few bytes in every bundle.
 */
type AnyAuth = AuthRequirement<unknown> | ('public' & { readonly contextOf?: undefined })

/**
 * What the implementation sees of an endpoint: the declaration with any schemas, and a business
 * function of unknown input (a method, so that any typed one fits); the overload carries the types.
 */
type AnyEndpoint = Omit<
  Endpoint<BodyKind, Schema, Schema, Schema, Schema, number, Responses, AnyAuth>,
  'handler'
> & {
  handler(input: BusinessInput<unknown, unknown, unknown>): unknown
}

/**
 * Builds an endpoint's Lambda handler: its business function inside the service's Middy chain.
 *
 * The order of the chain lives here and only here. `before` hooks run top to bottom, `after` and
 * `onError` hooks bottom to top. This table is the one the README and docs/request-contract.md
 * show: `npm run docs` copies it there, and a test fails while they differ.
 *
 * | # | middleware | before | after / onError |
 * |---|---|---|---|
 * | – | `SECURITY_HEADERS` | | added to every response, problems too |
 * | 1 | `injectLambdaContext` (Powertools) | Lambda context on every line; sampling | |
 * | 2 | `requestLog` | `correlation_id` = API Gateway's request id | one INFO `request completed` line; clears the keys added during the request |
 * | 3 | `httpEventGuard` | 400 for an event that is not an HTTP API event; drops the body of a GET, HEAD or DELETE | |
 * | 4 | `logEvent` | the whole event at DEBUG | |
 * | 5 | `problemDetails` | | the status (400–599, else 500), one WARN/ERROR line, the problem body |
 * | 6 | `httpErrorHandler` (Middy) | | settles the status by Middy's `expose` rule; logs nothing |
 * | 7 | `keepThrown` | | keeps the thrown error for 5's ERROR line; anything not made by `createError` becomes a 500 |
 * | 8 | the endpoint's `auth` | with `requireAuth(…)`: 401 / 403 from the verified claims | |
 * | 9 | `httpBodyLimit` | 413 above `BODY_LIMIT_BYTES`, from the length alone | |
 * | 10 | `httpContentDecoding` | undoes gzip, deflate, br; 415 / 400; 413 past the limit | |
 * | 11 | `httpBodyParser` | JSON, form or text by content type; 400 / 415 | |
 * | – | Middy core timeout | | 504 `TIMEOUT_MARGIN_MS` before the Lambda deadline |
 * | – | `validateRequest` | the endpoint's schemas; 422 per invalid field | |
 * | – | the endpoint's `middlewares` | their `before` hooks, in order | their `after` / `onError` hooks |
 * | – | business function | `{ body, query, path, event, context, signal, logger, respond, auth }` | data, or `respond(…)`, sent as its status's schema outputs it |
 *
 * The last three rows are the handler step: with schemas or `middlewares`, an inner Middy chain of
 * the endpoint's own, so that Middy's early return from one of its middlewares ends only that
 * part: the response still passes 1–11's after hooks (summary line, security headers). Its errors,
 * unhandled by its own onError hooks, reach 5–7 like any other. Every response then gets
 * SECURITY_HEADERS on its way out.
 */
export function createHttpHandler<
  K extends BodyKind = BodyKind,
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  R extends Schema | undefined = undefined,
  D extends number = 200,
  RS extends Responses = Record<never, never>,
  A extends AuthStance = undefined,
>(endpoint: Endpoint<K, B, Q, P, R, D, RS, A>): HttpHandler
export function createHttpHandler(endpoint: AnyEndpoint): HttpHandler {
  const {
    request = {},
    response = {},
    responses = {},
    problems = [],
    middlewares = [],
    auth,
  } = endpoint
  const logger = endpoint.logger ?? serviceLogger
  const margin = endpoint.timeoutMarginMs ?? timeoutMarginMs()
  const maxBytes = endpoint.maxBodyBytes ?? bodyLimitBytes()
  const status = response.status ?? 200
  // Every declared status's range is checked by the route check (scripts/lib/route-check.ts,
  // run by the test suite), not at every cold start.
  const description: EndpointDescription = {
    // A body schema is written for one kind; a form would reach it as a flat record of strings.
    accepts: [...(request.accepts ?? (request.body ? ['json'] : BODY_KINDS))],
    schemas: { body: request.body, query: request.query, path: request.path },
    status,
    headers: { ...response.headers },
    responseBody: response.body,
    responses,
    problems,
    auth,
    middlewares,
  }
  const validate = createValidator(description.schemas)
  const fixedHeaders = response.headers
  const checked = responseValidation()

  // Defects, answered 500 with the ERROR line saying why: never an undeclared status, and never a
  // Lambda result serialised as a success body. A copy of the headers per response: a later
  // `after` middleware adding a header must not change the next one.
  const answer = (data: unknown): HttpResult | Promise<HttpResult> => {
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
    const send = (out: unknown): HttpResult =>
      statusCode === 204
        ? { statusCode, headers: { ...extra, ...fixedHeaders } }
        : {
            statusCode,
            headers: {
              'content-type': 'application/json; charset=utf-8',
              ...extra,
              ...fixedHeaders,
            },
            body: JSON.stringify(out ?? null),
          }
    const schema =
      checked && ((statusCode === status && response.body) || bodySchemaOf(responses[statusCode]))
    return schema ? conform(schema, body).then(send) : send(body)
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
        auth: auth?.contextOf?.(event),
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
    // Without its `resetKeys`: that option copies `request.internal` on every request to register a
    // cleanup for early answers, which no step of this chain gives; requestLog clears the keys.
    .use(injectLambdaContext(logger, { logEvent: false }))
    .use(requestLog({ logger }))
    .use(httpEventGuard())
    .use(logEvent({ logger }))
    .use(problemDetails({ logger }))
    .use(httpErrorHandler({ logger: false }))
    .use(keepThrown())
    // `auth` is the check itself, imported by the endpoint's own file from `#http/auth`;
    // `'public'` is a stance for the route check and openapi.json only.
    .use(auth === 'public' ? [] : (auth ?? []))
    .use(httpBodyLimit({ maxBytes }))
    .use(httpContentDecoding({ maxBytes }))
    .use(httpBodyParser({ accepts: description.accepts }))
    .handler(own ? endpointChain(validate, middlewares, run, timeout) : run(partsOf))

  // Every response leaves through here, the one place that adds the security headers: a success,
  // a problem, or an early answer from the endpoint's own middlewares.
  const handler = async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    const result = await chain(event, context)
    return { ...result, headers: { ...SECURITY_HEADERS, ...result.headers } }
  }
  return Object.assign(handler, { endpoint: description })
}

/**
 * What a declared response schema makes of the body: its output, so keys the schema does not
 * declare (a stored record's `passwordHash`) never go out. A body it refuses is a defect, named by
 * where it fails, never by what the body held.
 */
const conform = async (schema: Schema, body: unknown): Promise<unknown> => {
  const result = await schema['~standard'].validate(body)
  if (result.issues) {
    const where = result.issues.map(({ path }) => jsonPointer(path) || '/')
    throw new Error(`Response body fails its schema at ${where}`)
  }
  return result.value
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
  return (
    middy<HttpEvent, HttpResult, unknown, Context>(timeout)
      .use(validate ? validateRequest({ validate }) : [])
      .use(middlewares as EndpointMiddleware[])
      // A middleware that replaced request.event leaves no parts (spread as none): the business
      // function then gets none, never unvalidated ones (docs/endpoints.md).
      .handler(run((validate ? validatedParts : partsOf) as (event: HttpEvent) => RequestParts))
  )
}
