import type { MiddlewareObj } from '@middy/core'
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda'
import type { MediaType } from './media-type.ts'

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue }
/** `application/x-www-form-urlencoded`: null-prototype object, repeated keys become arrays. */
export type FormBody = { [key: string]: string | string[] | undefined }
/** What the body parser leaves in `event.body`: undefined for an empty body. */
export type ParsedBody = JsonValue | FormBody | string | undefined

/**
 * The event as it travels the chain: API Gateway's payload-2.0 event, whose `body` the parser
 * replaces with the parsed value. A raw v2 event is one of these, so the handler accepts it as is.
 */
export type HttpEvent = Omit<APIGatewayProxyEventV2, 'body'> & { body?: ParsedBody }
export type HttpResult = APIGatewayProxyStructuredResultV2

/** Facts about the request body, computed once per request (see `bodyFacts`). */
export interface BodyFacts {
  /** Bytes the body stands for: decoded length of a base64 body, UTF-8 length of a text one. */
  readonly bytes: number
  /** The Content-Type header as sent. */
  readonly contentType: string | undefined
  /** The Content-Encoding header as sent. */
  readonly contentEncoding: string | undefined
  /** What the service makes of that header; undefined when it is missing or not accepted. */
  readonly mediaType: MediaType | undefined
}

/** Per-request state that middlewares share through `request.internal` (never module state). */
export type HttpInternal = {
  body?: BodyFacts
  /** The body's bytes with its Content-Encoding undone; set only when it had one. */
  decodedBody?: Buffer
  /** `process.hrtime.bigint()` when the request log saw the request, in nanoseconds. */
  startedAt?: bigint
  /** What the request threw, as thrown (see keepThrown). */
  thrown?: unknown
  /** The `sub` claim of a token the endpoint's auth check read, for the request summary. */
  sub?: string
}
export type HttpMiddleware = MiddlewareObj<HttpEvent, HttpResult, unknown, Context, HttpInternal>
