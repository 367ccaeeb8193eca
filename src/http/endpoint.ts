import type { Logger } from '@aws-lambda-powertools/logger'
import type { MiddlewareObj } from '@middy/core'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { Context } from 'aws-lambda'
import type { BodyKind } from '../lib/media-type.ts'
import type { FormBody, HttpEvent, HttpResult, JsonValue, ParsedBody } from '../lib/types.ts'
import type { AuthContext, AuthRequirement } from './auth.ts'
import type { Reply } from './reply.ts'

/** Any schema library that implements Standard Schema: Zod 4, Valibot 1, ArkType 2, … */
export type Schema = StandardSchemaV1

type Output<S, Otherwise> = S extends Schema ? StandardSchemaV1.InferOutput<S> : Otherwise
type Input<S, Otherwise> = S extends Schema ? StandardSchemaV1.InferInput<S> : Otherwise

/** What the parser makes of each body kind. */
export interface BodyOfKind {
  json: JsonValue
  form: FormBody
  text: string
}

/** Query string or path parameters as API Gateway sends them (repeated query keys comma-joined). */
export type Params = Readonly<Record<string, string | undefined>>

export type Headers = Readonly<Record<string, string>>

/**
 * What `statusCode` must be in returned data: nothing can be. A Lambda result returned as data
 * would be sent as a JSON body; `return respond(status, body, headers)` chooses the status instead.
 */
export interface UseRespondForStatusCodes {
  readonly 'return respond(status, body, headers) instead of { statusCode, headers, body }': never
}

// `then`: a promise is not data, so an async business function is checked on what it resolves to.
type NotALambdaResult = {
  readonly statusCode?: UseRespondForStatusCodes
  readonly then?: never
}
/**
 * What a business function may return as data: anything but an object with a `statusCode`, which
 * would be a Lambda result sent as a JSON body. (The index-signature member lets object literals
 * through the excess-property check; the `object` member lets interfaces and class instances in.)
 */
export type PlainData =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly unknown[]
  | (NotALambdaResult & { readonly [key: string]: unknown })
  | (object & NotALambdaResult)

/**
 * A header `respond()` sets on a status, for openapi.json: its description (then every response of
 * that status carries it), or the description and whether it is always sent.
 */
export type HeaderDeclaration =
  | string
  | { readonly description: string; readonly required?: boolean }

/** A further success status in full: its body schema (null or none: undocumented) and headers. */
export interface ResponseDeclaration {
  readonly body?: Schema | null
  /** The headers `respond()` sets on this status, by lower-case name. */
  readonly headers?: Readonly<Record<string, HeaderDeclaration>>
}

/**
 * Success statuses besides the default one, each with its body schema (null: undocumented) or a
 * ResponseDeclaration. The default status may be listed too, to declare the headers `respond()`
 * sets on it (its body stays `response.body`).
 */
export type Responses = Readonly<Record<number, Schema | null | ResponseDeclaration>>

/** 204 No Content: no body, whatever is given (RFC 9110 §15.3.5). */
type NoContent = 204

type EntryBody<E> = E extends Schema ? E : E extends { readonly body: infer B } ? B : undefined

type BodyFor<S, D extends number, R, RS extends Responses> = S extends NoContent
  ? undefined
  : S extends keyof RS
    ? EntryBody<RS[S]> extends Schema
      ? Input<EntryBody<RS[S]>, never>
      : S extends D
        ? Input<R, PlainData>
        : PlainData
    : S extends D
      ? Input<R, PlainData>
      : never

type DeclaredHeaders<E> = E extends { readonly headers: infer H } ? H : undefined

type AlwaysSent<H> = {
  [K in keyof H]: H[K] extends { readonly required: false } ? never : K
}[keyof H]

/** The headers `respond()` may set on a status: those declared for it, or any without a declaration. */
export type HeadersFor<S, RS extends Responses> = S extends keyof RS
  ? DeclaredHeaders<RS[S]> extends Readonly<Record<string, HeaderDeclaration>>
    ? { readonly [K in AlwaysSent<DeclaredHeaders<RS[S]>> & string]: string } & {
        readonly [K in keyof DeclaredHeaders<RS[S]> & string]?: string
      }
    : Headers
  : Headers

type ReplyArguments<S, D extends number, R, RS extends Responses> = [
  AlwaysSent<DeclaredHeaders<S extends keyof RS ? RS[S] : undefined>>,
] extends [never]
  ? S extends NoContent
    ? [body?: undefined, headers?: HeadersFor<S, RS>]
    : [body: BodyFor<S, D, R, RS>, headers?: HeadersFor<S, RS>]
  : [body: BodyFor<S, D, R, RS>, headers: HeadersFor<S, RS>]

/** Every success status an endpoint declares: the default and those under `responses`. */
export type Declared<D extends number, RS extends Responses> = D | (keyof RS & number)

/**
 * Answers with a declared success status, a body fitting that status's schema (none for 204), and
 * headers for this response only: those declared for the status (the ones declared always sent
 * are required), or any when the status declares none.
 */
export type Respond<D extends number = number, R = undefined, RS extends Responses = Responses> = <
  S extends Declared<D, RS>,
>(
  status: S,
  ...rest: ReplyArguments<S, D, R, RS>
) => Reply<S>

/** What the business function is given. */
export interface BusinessInput<
  Body = ParsedBody,
  Query = Params,
  Path = Params,
  Responder = Respond,
  Auth = AuthContext<unknown> | undefined,
> {
  /** The body after parsing and, with a body schema, validation; undefined when none was sent. */
  body: Body
  query: Query
  path: Path
  /** The raw event, for anything else (headers, cookies, requestContext). */
  event: HttpEvent
  context: Context
  /** Aborted when the early timeout fires, so long work can stop. */
  signal: AbortSignal
  /** The chain's logger: its lines carry the correlation id and Lambda context, redacted. */
  logger: Logger
  /** A per-request response: `return respond(201, created, { location })`. */
  respond: Responder
  /**
   * Who sent the request, for an endpoint with `auth`: the token's `sub`, its scopes, and its
   * claims (normalised; the claims schema's output when there is one). Undefined without `auth`.
   */
  auth: Auth
}

/**
 * An endpoint's `auth`: `requireAuth(…)`, or `'public'` for a route anyone may call. Optional in
 * the type so a test can build a throwaway handler; the route check requires one of the two on
 * every function serverless.yml routes.
 */
export type AuthStance = AuthRequirement<unknown> | 'public' | undefined

/** What `auth` gives the business function: the admitted identity, or undefined without it. */
export type AuthOf<A> = A extends AuthRequirement<infer C> ? AuthContext<C> : undefined

/** A Middy middleware as an endpoint lists it; see `middlewares`. */
export type EndpointMiddleware = MiddlewareObj<HttpEvent, HttpResult, unknown, Context>

/**
 * One endpoint: its business function and what the chain needs to know around it. Types flow
 * from the schemas: the business function's `body`, `query` and `path` are the schemas' outputs
 * (or the parser's types without one), and its return value must fit the response schema's input.
 */
export interface Endpoint<
  K extends BodyKind = BodyKind,
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  R extends Schema | undefined = undefined,
  D extends number = 200,
  RS extends Responses = Record<never, never>,
  A extends AuthStance = undefined,
> {
  handler: (
    input: BusinessInput<
      Output<B, BodyOfKind[K] | undefined>,
      Output<Q, Params>,
      Output<P, Params>,
      Respond<D, R, RS>,
      AuthOf<A>
    >,
    // Promise beside PromiseLike: tsc then explains an async function's wrong result by what it
    // resolves to (e.g. `UseRespondForStatusCodes`), not by the promise's `then`.
  ) => Answer<R, D, RS> | Promise<Answer<R, D, RS>> | PromiseLike<Answer<R, D, RS>>
  request?: {
    /**
     * Body kinds the endpoint parses; others get 415 with this `Accept-Post`. Default: `['json']`
     * with a body schema, all three without one.
     */
    accepts?: readonly K[]
    /** Validates the parsed body; failures are 422 with a JSON Pointer per invalid field. */
    body?: B
    query?: Q
    path?: P
  }
  /** The default success response: what plain data returned by the business function gets. */
  response?: {
    /** Success status, 200–299 (default 200); with 204 the business function returns nothing. */
    status?: D
    /** Added to every success response. */
    headers?: Headers
    /** Documents the success body in openapi.json and types the business function's result. */
    body?: R
  }
  /**
   * Further success statuses `respond` may answer, each with its body schema (or null), or
   * `{ body, headers }` declaring the headers `respond` sets on it (the default status may be
   * listed for its headers): `{ 201: { headers: { location: 'URL of the new order' } } }`.
   */
  responses?: RS
  /** Problem statuses (400–599) the business code throws, for openapi.json: e.g. `[404, 409]`. */
  problems?: readonly number[]
  /**
   * Middy middlewares of this endpoint, run in this order after parsing and validation, right
   * before the business function; their after/onError hooks run inside the chain's error handling.
   */
  middlewares?: readonly EndpointMiddleware[]
  /**
   * Who may call, declared on every endpoint (tsc and the route check fail one without):
   * `requireAuth({ scopes, claims })` from `#http/auth`: the token the route's JWT authorizer
   * verified must grant these scopes (401/403 otherwise, before the body is read), and the business
   * function gets `auth`. The route in serverless.yml declares the same scopes (the route check
   * compares them). `'public'`: anyone, and the route has no authorizer.
   */
  auth: A
  /** The logger the chain writes with (default: the service logger). */
  logger?: Logger
  /** Largest decoded body (default: BODY_LIMIT_BYTES). */
  maxBodyBytes?: number
  /** Answer 504 this long before the Lambda deadline (default: TIMEOUT_MARGIN_MS). */
  timeoutMarginMs?: number
}

/**
 * What a business function returns: plain data for the default status (nothing for a 204) or a
 * Reply of a declared status.
 */
export type Answer<R, D extends number, RS extends Responses> =
  | (D extends NoContent ? Nothing : Input<R, PlainData>)
  | Reply<Declared<D, RS>>

// biome-ignore lint/suspicious/noConfusingVoidType: a business function without `return` returns void
type Nothing = undefined | void

/** The declaration as the chain and `npm run openapi` read it, defaults filled in. */
export interface EndpointDescription {
  readonly accepts: readonly BodyKind[]
  readonly schemas: { readonly body?: Schema; readonly query?: Schema; readonly path?: Schema }
  /** The default success status. */
  readonly status: number
  readonly headers: Headers
  readonly responseBody?: Schema
  /** The success statuses besides `status`, with their body schemas. */
  readonly responses: Responses
  /** Problem statuses the business code throws. */
  readonly problems: readonly number[]
  /** The scopes a token must grant, or `'public'`; undefined when the endpoint declares neither. */
  readonly auth?: { readonly scopes: readonly string[] } | 'public'
  /** The endpoint's `middlewares`: `npm run openapi` reads what they document (`Documented`). */
  readonly middlewares: readonly EndpointMiddleware[]
}

/**
 * OpenAPI fragments a middleware of `middlewares` may carry as its `openApi` property, e.g. the
 * request header it reads and the success-response headers it adds.
 */
export interface Documented {
  readonly parameters: readonly Readonly<Record<string, unknown>>[]
  readonly headers: Readonly<Record<string, Readonly<Record<string, unknown>>>>
}
