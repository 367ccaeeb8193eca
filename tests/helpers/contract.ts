// The contract check's parts: each routed function with the requests built for its routes
// (contract-requests.ts), and the check that an answer is one openapi.json documents for the
// operation, every header it sends included.
import assert from 'node:assert/strict'
import type { APIGatewayProxyEventV2 } from 'aws-lambda'
import { loadHandler } from '../../scripts/lib/function-module.ts'
import type { FunctionConfig, Route } from '../../scripts/lib/serverless-config.ts'
import type { HttpHandler } from '../../src/http/index.ts'
import type { HttpResult } from '../../src/lib/types.ts'
import { casesFor } from './contract-requests.ts'
import { schemaSampler } from './json-sample.ts'
import { type OpenApiDocument, type Operation, responseChecker } from './openapi.ts'

type Json = Record<string, unknown>

export interface ContractCase {
  /** What is sent, as the test's name. */
  name: string
  /** The status the chain answers on its own, when it decides before the business runs. */
  expect?: number
  /**
   * Sent with a token granting the scopes to an endpoint with a claims schema, which that token
   * may not meet: a 401 or 403 then says nothing about the case.
   */
  claimsMayRefuse: boolean
  event: APIGatewayProxyEventV2
}

export interface RouteContract {
  fn: FunctionConfig
  route: Route
  handler: HttpHandler
  cases: ContractCase[]
  /** Requests the check could not build from the document. */
  notBuilt: string[]
}

const handlerOf = async (root: string, fn: FunctionConfig): Promise<HttpHandler> => {
  const handler = await loadHandler(fn, root)
  assert.ok(handler, `${fn.module}: '${fn.exportName}' was not made by createHttpHandler`)
  return handler
}

/** The operation openapi.json documents for a route, or a failure saying what to run. */
export const operationOf = (document: OpenApiDocument, route: Route): Operation => {
  const operation = document.paths[route.path]?.[route.method.toLowerCase()]
  assert.ok(operation, `${route.routeKey} is not in openapi.json: run \`npm run openapi\``)
  return operation
}

/** Every request the check can build for each route of `functions`. */
export async function routeContracts(
  root: string,
  functions: readonly FunctionConfig[],
  document: OpenApiDocument,
): Promise<RouteContract[]> {
  const sampler = schemaSampler(document as unknown as Json)
  const contracts: RouteContract[] = []
  for (const fn of functions) {
    // ANY and $default routes have no one operation to compare with (npm run openapi refuses them).
    const routes = fn.routes.filter((route) => route.method !== '*')
    if (routes.length === 0) continue
    const handler = await handlerOf(root, fn)
    for (const route of routes) {
      contracts.push({
        fn,
        route,
        handler,
        ...casesFor(route, handler.endpoint, operationOf(document, route), sampler),
      })
    }
  }
  return contracts
}

/**
 * `(routeKey, response)`: the response is documented for the operation (status, media type, body,
 * documented headers), and every header it sends is documented.
 */
export const contractChecker = (document: OpenApiDocument) => {
  const documented = responseChecker(document)
  return (route: Route, response: HttpResult): void => {
    documented(route.routeKey, response)
    const status = String(response.statusCode)
    const described = operationOf(document, route).responses[status]
    const names = new Set(Object.keys(described?.headers ?? {}))
    if (described?.content) names.add('content-type')
    const sent = Object.keys(response.headers ?? {}).map((name) => name.toLowerCase())
    if ((response.cookies ?? []).length > 0) sent.push('set-cookie')
    for (const name of sent) {
      assert.ok(
        names.has(name),
        `${route.routeKey} ${status}: sends header ${name}, which openapi.json does not document for ${status} (declare it on the endpoint, then \`npm run openapi\`)`,
      )
    }
  }
}
