import type { MiddlewareObj } from '@middy/core'
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda'

export type HttpEvent = APIGatewayProxyEventV2
export type HttpResult = APIGatewayProxyStructuredResultV2
/** Per-request state that middlewares share through `request.internal` (never module state). */
export type HttpInternal = {
  requestLog?: { startedAt: number; bodyBytes: number; contentType: string | undefined }
}
export type HttpMiddleware = MiddlewareObj<HttpEvent, HttpResult, unknown, Context, HttpInternal>

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue }
/** `application/x-www-form-urlencoded`: null-prototype object, repeated keys become arrays. */
export type FormBody = Record<string, string | string[]>
/** What the business function receives: undefined for an empty body. */
export type ParsedBody = JsonValue | FormBody | string | undefined
