// Routes live in serverless.yml, schemas in the handler files; this checks that the two agree, so
// a route `PUT /widgets/{id}` with a path schema keyed `widgetId` fails the test suite instead of
// answering 422 to every request in production. It also checks what createHttpHandler leaves to
// the test suite rather than to every cold start: the ranges of declared statuses.
import type { EndpointDescription } from '../../src/http/endpoint.ts'
import { BODYLESS_METHODS, successStatuses } from '../openapi/document.ts'
import { toJsonSchema } from '../openapi/json-schema.ts'
import { authStanceProblem } from './auth-stance.ts'
import { unboundedInput } from './bounded-input.ts'
import { loadHandler } from './function-module.ts'
import type { FunctionConfig, Route } from './serverless-config.ts'
import { projectRoot } from './sls.ts'

/** `{id}` and greedy `{proxy+}` names of a route path, in order. */
export const routeParams = (routePath: string): string[] =>
  [...routePath.matchAll(/\{([^}+]+)\+?\}/g)].map(([, name = '']) => name)

/**
 * A `requireAuth` endpoint and its route's authorizer must ask for the same scopes: a route without
 * its authorizer would leave only the function's own check. (A route with an authorizer and no
 * `requireAuth` is auth-stance.ts's.)
 */
const authDisagreement = (endpoint: EndpointDescription, route: Route): string | undefined => {
  if (typeof endpoint.auth !== 'object') return undefined
  const declared = endpoint.auth.scopes
  const authorizer = route.authorizer
  if (!authorizer) {
    return `declares auth (scopes [${declared.join(', ')}]) but the route has no authorizer`
  }
  const routeScopes = authorizer.scopes ?? []
  if (!sameNames(declared, routeScopes)) {
    return `auth scopes [${declared.join(', ')}] differ from the route's authorizer scopes [${routeScopes.join(', ')}]`
  }
  return undefined
}

/** A body schema's lists and records are bounded, and checked before their items. */
const bodyProblems = async ({ schemas: { body } }: EndpointDescription): Promise<string[]> => {
  if (!body) return []
  try {
    const problems = await unboundedInput(body)
    return problems.map((problem) => `request body: ${problem} (docs/endpoints.md#bounded-input)`)
  } catch (error) {
    return [`request body: its bounds cannot be checked: ${(error as Error).message}`]
  }
}

const sameNames = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().every((name, i) => name === [...b].sort()[i])

/**
 * Every disagreement between the functions' routes and their handler declarations, one line each
 * naming the handler file and the route; empty when they agree.
 */
export const routeProblems = async (
  functions: readonly FunctionConfig[],
  root = projectRoot,
): Promise<string[]> => {
  const problems: string[] = []
  for (const fn of functions) {
    const endpoint = (await loadHandler(fn, root))?.endpoint
    const where = (route: string) => `${fn.module} (${fn.name}, ${route})`
    if (!endpoint) {
      const routes = fn.routes.map((route) => route.routeKey).join(', ') || 'no route'
      problems.push(
        `${where(routes)}: export '${fn.exportName}' is not a handler made by createHttpHandler`,
      )
      continue
    }
    const all = fn.routes.map((route) => route.routeKey).join(', ')
    for (const code of successStatuses(endpoint).keys()) {
      if (!Number.isInteger(code) || code < 200 || code > 299) {
        problems.push(`${where(all)}: success status ${code} is not 200–299`)
      }
    }
    for (const code of endpoint.problems) {
      if (!Number.isInteger(code) || code < 400 || code > 599) {
        problems.push(`${where(all)}: problem status ${code} is not 400–599`)
      }
    }
    problems.push(...(await bodyProblems(endpoint)).map((problem) => `${where(all)}: ${problem}`))
    const pathSchema = endpoint.schemas.path
    const keys = pathSchema
      ? Object.keys(((await toJsonSchema(pathSchema, 'input')).properties as object) ?? {})
      : undefined
    for (const route of fn.routes) {
      const params = routeParams(route.path)
      if (keys && !sameNames(keys, params)) {
        problems.push(
          `${where(route.routeKey)}: path schema keys [${keys.join(', ')}] differ from the route's parameters [${params.join(', ')}]`,
        )
      }
      if (endpoint.schemas.body && BODYLESS_METHODS.includes(route.method)) {
        problems.push(`${where(route.routeKey)}: a ${route.method} request has no body to validate`)
      }
      const authProblem = authStanceProblem(endpoint, route) ?? authDisagreement(endpoint, route)
      if (authProblem) problems.push(`${where(route.routeKey)}: ${authProblem}`)
    }
  }
  return problems
}
