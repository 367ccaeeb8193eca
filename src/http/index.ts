// What an endpoint file imports (as `#http`, mapped in package.json), so a handler file reads the
// same wherever it sits, e.g. when copied from examples/ into src/handlers/.
export type { Logger } from '@aws-lambda-powertools/logger'
export { createError } from '@middy/util'
export { createHttpHandler, type HttpHandler, SECURITY_HEADERS } from './create-http-handler.ts'
export type {
  BusinessInput,
  Endpoint,
  EndpointMiddleware,
  HeaderDeclaration,
  Params,
  PlainData,
  Respond,
  ResponseDeclaration,
  Responses,
  Schema,
  UseRespondForStatusCodes,
} from './endpoint.ts'
export type { Reply } from './reply.ts'
