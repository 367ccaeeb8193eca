import type { Logger } from '@aws-lambda-powertools/logger'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { Context } from 'aws-lambda'
import type { BodyKind } from '../lib/media-type.ts'
import type { FormBody, HttpEvent, JsonValue, ParsedBody } from '../lib/types.ts'

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

/** What the business function is given. */
export interface BusinessInput<Body = ParsedBody, Query = Params, Path = Params> {
  /** The body after parsing and, with a body schema, validation; undefined when none was sent. */
  body: Body
  query: Query
  path: Path
  /** The raw event, for anything else (headers, cookies, requestContext). */
  event: HttpEvent
  context: Context
  /** Aborted when the early timeout fires, so long work can stop. */
  signal: AbortSignal
}

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
> {
  handler: (
    input: BusinessInput<
      Output<B, BodyOfKind[K] | undefined>,
      Output<Q, Params>,
      Output<P, Params>
    >,
  ) => Input<R, unknown> | PromiseLike<Input<R, unknown>>
  request?: {
    /** Body kinds the endpoint parses (default: all); others get 415 with this `Accept-Post`. */
    accepts?: readonly K[]
    /** Validates the parsed body; failures are 422 with a JSON Pointer per invalid field. */
    body?: B
    query?: Q
    path?: P
  }
  response?: {
    /** Success status, 200–299 (default 200); 204 sends no body. */
    status?: number
    /** Added to the success response. */
    headers?: Readonly<Record<string, string>>
    /** Documents the success body in openapi.json and types the business function's result. */
    body?: R
  }
  /** The logger the chain writes with (default: the service logger). */
  logger?: Logger
  /** Largest decoded body (default: BODY_LIMIT_BYTES). */
  maxBodyBytes?: number
  /** Answer 504 this long before the Lambda deadline (default: TIMEOUT_MARGIN_MS). */
  timeoutMarginMs?: number
}

/** The declaration as the chain and `npm run openapi` read it, defaults filled in. */
export interface EndpointDescription {
  readonly accepts: readonly BodyKind[]
  readonly schemas: { readonly body?: Schema; readonly query?: Schema; readonly path?: Schema }
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly responseBody?: Schema
}
