// The README walkthrough's endpoint as serverless.yml declares it once added the README way (the
// function block is read from examples/orders.yml itself, so the two cannot drift), run from
// examples/ where it lives, and its OpenAPI description built the way `npm run openapi` builds it.
import { fileURLToPath } from 'node:url'
import {
  type FunctionConfig,
  readFunctionBlocks,
  readServerlessConfig,
} from '../../scripts/lib/serverless-config.ts'
import { buildOpenApi } from '../../scripts/openapi/document.ts'
import type { OpenApiDocument } from '../../tests/helpers/openapi.ts'

const [block] = readFunctionBlocks(fileURLToPath(new URL('../orders.yml', import.meta.url)))
if (block === undefined) throw new Error('examples/orders.yml declares no function')

export const ORDERS_FUNCTION: FunctionConfig = {
  ...block,
  handler: 'examples/orders.handler',
  module: 'examples/orders.ts',
}

/** Another example function block (examples/<name>.yml), run from examples/ as well. */
export const exampleFunction = (name: string): FunctionConfig => {
  const [found] = readFunctionBlocks(fileURLToPath(new URL(`../${name}.yml`, import.meta.url)))
  if (found === undefined) throw new Error(`examples/${name}.yml declares no function`)
  return { ...found, handler: `examples/${name}.handler`, module: `examples/${name}.ts` }
}

export const ordersOpenApi = async (): Promise<OpenApiDocument> =>
  (await buildOpenApi({ functions: [ORDERS_FUNCTION] })) as unknown as OpenApiDocument

/** For the checks that also look at POST /example: skipped once a fork has removed it. */
export const WITH_EXAMPLE = {
  skip: readServerlessConfig().functions.some((fn) => fn.name === 'example')
    ? false
    : 'serverless.yml has no POST /example',
}
