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
import { lambdaContext } from '../middleware/lambda-context.ts'
import { logEvent } from '../middleware/log-event.ts'
import { problemDetails } from '../middleware/problem-details.ts'
import { requestLog } from '../middleware/request-log.ts'
import { validateRequest } from '../middleware/validate-request.ts'
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
import { isReply, REPLY, respond } from './reply.ts'
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

const checkStatus = (status: number, low: number, high: number, what: string): number => {
  if (!Number.isInteger(status) || status < low || status > high) {
    throw new RangeError(`createHttpHandler: ${what} must be ${low}–${high}, got ${status}`)
  }
  return status
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
  const status = checkStatus(response.status ?? 200, 200, 299, 'response.status')
  const declared = new Map<number, Schema | undefined>([[status, response.body]])
  for (const [key, schema] of Object.entries(responses)) {
    declared.set(checkStatus(Number(key), 200, 299, 'a responses status'), schema ?? undefined)
  }
  for (const problem of problems) checkStatus(problem, 400, 599, 'a problems status')
  const description: EndpointDescription = {
    // A body schema is written for one kind; a form would reach it as a flat record of strings.
    accepts: [...(request.accepts ?? (request.body ? ['json'] : BODY_KINDS))],
    schemas: { body: request.body, query: request.query, path: request.path },
    status,
    headers: { ...response.headers },
    responseBody: response.body,
    responses: declared,
    problems: [...problems],
    auth: endpoint.auth,
  }
  const validate = createValidator(description.schemas)
  const fixedHeaders: Headers = { ...response.headers, ...SECURITY_HEADERS }

  // A copy per response: a later `after` middleware adding a header must not change the next one.
  const success = (code: number, data: unknown, extra?: Headers): HttpResult =>
    code === 204
      ? { statusCode: code, headers: { ...extra, ...fixedHeaders } }
      : {
          statusCode: code,
          headers: { 'content-type': 'application/json; charset=utf-8', ...extra, ...fixedHeaders },
          body: JSON.stringify(data ?? null),
        }

  // Defects, answered 500 with the ERROR line saying why: never an undeclared status, and never a
  // Lambda result serialised as a success body.
  const answer = (data: unknown): HttpResult => {
    if (isReply(data)) {
      const code = data[REPLY]
      if (!declared.has(code))
        throw new Error(`respond(${code}): status not declared by the endpoint`)
      return success(code, data.body, data.headers)
    }
    if (typeof data === 'object' && data !== null && 'statusCode' in data) {
      throw new Error('The business function returned a Lambda result as data; use respond()')
    }
    return success(status, data)
  }

  const run = (event: HttpEvent, context: Context, signal: AbortSignal, parts: RequestParts) => {
    const data = endpoint.handler({
      ...parts,
      event,
      context,
      signal,
      logger,
      respond,
      auth: endpoint.auth?.contextOf(event),
    })
    // Middy arms its early-timeout timer only for a promise; a synchronous business function
    // cannot be interrupted anyway, so its result is answered without one.
    return isPromiseLike(data) ? Promise.resolve(data).then(answer) : answer(data)
  }

  const segment =
    validate || middlewares.length > 0 ? endpointChain(validate, middlewares, run) : undefined

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
    .use(lambdaContext({ logger }))
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
    .handler((event, context, { signal }) =>
      segment ? segment(event, context, signal) : run(event, context, signal, partsOf(event)),
    )

  return Object.assign(chain, { endpoint: description })
}

type Run = (
  event: HttpEvent,
  context: Context,
  signal: AbortSignal,
  parts: RequestParts,
) => HttpResult | Promise<HttpResult>

/** The endpoint's own part of the chain: validation, its middlewares, the business function. */
const endpointChain = (
  validate: ((parts: RequestParts) => Promise<RequestParts>) | undefined,
  middlewares: readonly EndpointMiddleware[],
  run: Run,
) => {
  const valid = new WeakMap<object, RequestParts>()
  const signals = new WeakMap<object, AbortSignal>()
  // No early timeout of its own: the outer chain's covers this whole part.
  const inner = middy<HttpEvent, HttpResult, unknown, Context>({ timeoutEarlyInMillis: 0 })
    .use(validate ? [validateRequest({ validate, valid })] : [])
    .use([...middlewares])
    .handler((event, context) => {
      const signal = signals.get(event)
      const parts = validate ? valid.get(event) : partsOf(event)
      if (!signal || !parts) throw new Error('An endpoint middleware replaced request.event')
      return run(event, context, signal, parts)
    })
  return async (event: HttpEvent, context: Context, signal: AbortSignal): Promise<HttpResult> => {
    signals.set(event, signal)
    const result = await inner(event, context)
    // A response a middleware returned early gets the headers every response carries, unless the
    // endpoint's middleware chose its own (a per-endpoint cache-control, say).
    return { ...result, headers: { ...SECURITY_HEADERS, ...result.headers } }
  }
}
