// The one way the checks load the handler a function block of serverless.yml names
// (`handler: src/handlers/orders.handler`): the route check, openapi.json's generator and its
// schema check, the contract and CORS tests.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { HttpHandler } from '../../src/http/create-http-handler.ts'
import './ts-resolve.ts'
import type { FunctionConfig } from './serverless-config.ts'
import { projectRoot } from './sls.ts'

/** The function's handler, or undefined when its export was not made by createHttpHandler. */
export const loadHandler = async (
  fn: FunctionConfig,
  root = projectRoot,
): Promise<HttpHandler | undefined> => {
  const module = (await import(pathToFileURL(path.join(root, fn.module)).href)) as Record<
    string,
    unknown
  >
  const exported = module[fn.exportName] as HttpHandler | undefined
  return typeof exported === 'function' && exported.endpoint !== undefined ? exported : undefined
}
