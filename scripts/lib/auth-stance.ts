// Every routed endpoint says who may call it, so a route is never public because someone forgot:
// `auth: requireAuth(…)` with the route's JWT authorizer, or `auth: 'public'` without one. The
// scopes of a `requireAuth` endpoint are compared with its route's in route-check.ts.
import type { EndpointDescription } from '../../src/http/endpoint.ts'
import type { Route } from './serverless-config.ts'

const requireAuthFor = (scopes: readonly string[] = []): string =>
  `\`auth: requireAuth({ scopes: [${scopes.map((scope) => `'${scope}'`).join(', ')}] })\` (from '#http/auth')`

/**
 * What is wrong with the endpoint's auth stance on this route, and what to write instead: no
 * stance at all, or `'public'` on a route that has an authorizer. Undefined when the stance holds.
 */
export const authStanceProblem = (
  endpoint: EndpointDescription,
  route: Route,
): string | undefined => {
  const authorizer = route.authorizer
  if (endpoint.auth === undefined) {
    return authorizer
      ? `the route has authorizer '${authorizer.name}' but the endpoint declares no auth: write ${requireAuthFor(authorizer.scopes)}`
      : `the endpoint declares no auth: write \`auth: 'public'\` if anyone may call it, or ${requireAuthFor(['…'])} with a JWT authorizer on the route`
  }
  if (endpoint.auth === 'public' && authorizer) {
    return `the endpoint declares auth: 'public' but the route has authorizer '${authorizer.name}': remove the route's authorizer, or write ${requireAuthFor(authorizer.scopes)}`
  }
  return undefined
}
