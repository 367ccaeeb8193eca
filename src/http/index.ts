// What an endpoint file imports (as `#http`, mapped in package.json), so a handler file reads the
// same wherever it sits, e.g. when copied from examples/ into src/handlers/.
export { createError } from '@middy/util'
export { createHttpHandler, type HttpHandler, SECURITY_HEADERS } from './create-http-handler.ts'
export type { BusinessInput, Endpoint, Params, Schema } from './endpoint.ts'
