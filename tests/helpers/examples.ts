// The README walkthrough's endpoint (examples/orders.ts) as serverless.yml would declare it once
// added the README way, and its OpenAPI description built the way `npm run openapi` builds it.
import type { FunctionConfig } from '../../scripts/lib/serverless-config.ts'
import { buildOpenApi } from '../../scripts/openapi/document.ts'
import type { OpenApiDocument } from './openapi.ts'

export const ORDERS_FUNCTION: FunctionConfig = {
  name: 'orders',
  handler: 'examples/orders.handler',
  module: 'examples/orders.ts',
  exportName: 'handler',
  description: 'POST /orders with a validated JSON body',
  routes: [{ method: 'POST', path: '/orders', routeKey: 'POST /orders' }],
}

export const ordersOpenApi = async (): Promise<OpenApiDocument> =>
  (await buildOpenApi({ functions: [ORDERS_FUNCTION] })) as unknown as OpenApiDocument
