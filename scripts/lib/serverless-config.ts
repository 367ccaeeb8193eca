// What serverless.yml declares about functions and routes, read straight from the YAML: the one
// place routes live. The OpenAPI generator and the packaging tests both derive from it, so a new
// function block is picked up by both without editing either.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { projectRoot } from './sls.ts'

export interface Route {
  /** Upper-case method, or `*` for any (`ANY` routes). */
  method: string
  /** As in serverless.yml, e.g. `/orders/{id}`. */
  path: string
  /** API Gateway's route key, e.g. `POST /orders/{id}`. */
  routeKey: string
  /** `authorizer:` of the route, when it has one: a name, or `{ name, scopes }`. */
  authorizer?: { name?: string; scopes?: string[] }
}

export interface FunctionConfig {
  name: string
  /** `src/handlers/example.handler` */
  handler: string
  /** The TypeScript module, relative to the project: `src/handlers/example.ts`. */
  module: string
  /** The module's export: `handler`. */
  exportName: string
  description?: string
  timeout?: number
  memorySize?: number
  /** The function's own `environment:`, as written (on top of `provider.environment`). */
  environment?: Record<string, unknown>
  /** `data:`, the DynamoDB actions it calls on the service's table (infra/data.cjs). */
  data?: string[]
  routes: Route[]
}

export interface ServerlessConfig {
  service: string
  /** `params:` as written: `default` and one key per stage that overrides single values. */
  params: Record<string, Record<string, unknown>>
  provider: Record<string, unknown>
  functions: FunctionConfig[]
  resources: Record<string, unknown>
}

type Raw = Record<string, unknown>

const isObject = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** `httpApi: 'POST /x'`, `httpApi: '*'` or `httpApi: { method, path }`. */
const routeOf = (event: unknown): Route | undefined => {
  if (!isObject(event) || !('httpApi' in event)) return undefined
  const spec = event.httpApi
  let method: string
  let routePath: string
  if (typeof spec === 'string') {
    if (spec === '*') return { method: '*', path: '*', routeKey: '$default' }
    const [m = '', p = ''] = spec.trim().split(/\s+/)
    method = m
    routePath = p
  } else if (isObject(spec)) {
    method = String(spec.method ?? '')
    routePath = String(spec.path ?? '')
  } else {
    throw new Error(`unsupported httpApi event: ${JSON.stringify(spec)}`)
  }
  const upper = method.toUpperCase() === 'ANY' ? '*' : method.toUpperCase()
  const route: Route = {
    method: upper,
    path: routePath,
    routeKey: `${upper === '*' ? 'ANY' : upper} ${routePath}`,
  }
  const authorizer = isObject(spec) ? spec.authorizer : undefined
  if (typeof authorizer === 'string') route.authorizer = { name: authorizer }
  else if (isObject(authorizer)) {
    route.authorizer = {
      name: typeof authorizer.name === 'string' ? authorizer.name : undefined,
      scopes: Array.isArray(authorizer.scopes) ? authorizer.scopes.map(String) : undefined,
    }
  }
  return route
}

// Custom tags (!Ref, !GetAtt, …) are kept as plain values; nothing here reads them.
const parseYaml = (file: string): Raw =>
  parse(readFileSync(file, 'utf8'), { customTags: (tags) => tags, logLevel: 'error' }) as Raw

/** The function blocks of a `functions:` map, as serverless.yml or a fragment of it holds them. */
export const functionsOf = (functions: unknown): FunctionConfig[] =>
  Object.entries(isObject(functions) ? functions : {}).map(([name, raw]): FunctionConfig => {
    if (!isObject(raw) || typeof raw.handler !== 'string') {
      throw new Error(`serverless.yml: function '${name}' has no handler`)
    }
    const dot = raw.handler.lastIndexOf('.')
    const events = Array.isArray(raw.events) ? raw.events : []
    return {
      name,
      handler: raw.handler,
      module: `${raw.handler.slice(0, dot)}.ts`,
      exportName: raw.handler.slice(dot + 1),
      description: typeof raw.description === 'string' ? raw.description : undefined,
      timeout: typeof raw.timeout === 'number' ? raw.timeout : undefined,
      memorySize: typeof raw.memorySize === 'number' ? raw.memorySize : undefined,
      environment: isObject(raw.environment) ? raw.environment : undefined,
      data: Array.isArray(raw.data) ? raw.data.map(String) : undefined,
      routes: events.map(routeOf).filter((route): route is Route => route !== undefined),
    }
  })

/** Function blocks in a YAML file holding only them, like the README's examples/orders.yml. */
export const readFunctionBlocks = (file: string): FunctionConfig[] => functionsOf(parseYaml(file))

export const readServerlessConfig = (root = projectRoot): ServerlessConfig => {
  const doc = parseYaml(path.join(root, 'serverless.yml'))
  const functions = functionsOf(doc.functions)
  const params = Object.fromEntries(
    Object.entries(isObject(doc.params) ? doc.params : {}).map(([stage, values]) => [
      stage,
      isObject(values) ? values : {},
    ]),
  )
  return {
    service: String(doc.service),
    params,
    provider: isObject(doc.provider) ? doc.provider : {},
    functions,
    resources: isObject(doc.resources) ? doc.resources : {},
  }
}

/** A stage's params as osls resolves them: the stage's own keys over `default`. */
export const stageParams = (config: ServerlessConfig, stage: string): Record<string, unknown> => ({
  ...config.params.default,
  ...config.params[stage],
})
