import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { authStanceProblem } from '../../scripts/lib/auth-stance.ts'
import { routeProblems } from '../../scripts/lib/route-check.ts'
import { functionsOf } from '../../scripts/lib/serverless-config.ts'
import type { EndpointDescription } from '../../src/http/endpoint.ts'
import { publicEndpoint } from '../fixtures/route-endpoints.ts'

const route = (exportName: string, authorizer?: unknown) =>
  functionsOf({
    [exportName]: {
      handler: `tests/fixtures/route-endpoints.${exportName}`,
      events: [{ httpApi: { method: 'POST', path: '/things', authorizer } }],
    },
  })
const where = (name: string) => `tests/fixtures/route-endpoints.ts (${name}, POST /things)`

describe('auth stance (route check)', () => {
  it("finds nothing for auth: 'public' on a route without an authorizer", async () => {
    assert.deepEqual(await routeProblems(route('publicEndpoint')), [])
  })

  it('finds nothing for requireAuth on a route whose authorizer asks the same scopes', async () => {
    const authorizer = { name: 'jwt', scopes: ['orders:write'] }
    assert.deepEqual(await routeProblems(route('protectedEndpoint', authorizer)), [])
  })

  it('names the file, function and route of an endpoint with no stance, and what to write', async () => {
    assert.deepEqual(await routeProblems(route('open')), [
      `${where('open')}: the endpoint declares no auth: write \`auth: 'public'\` if anyone may call it, or \`auth: requireAuth({ scopes: ['…'] })\` (from '#http/auth') with a JWT authorizer on the route`,
    ])
  })

  it("names an endpoint with no stance on a route with an authorizer, with the route's scopes to write", async () => {
    const authorizer = { name: 'jwt', scopes: ['things:write', 'things:admin'] }
    assert.deepEqual(await routeProblems(route('open', authorizer)), [
      `${where('open')}: the route has authorizer 'jwt' but the endpoint declares no auth: write \`auth: requireAuth({ scopes: ['things:write', 'things:admin'] })\` (from '#http/auth')`,
    ])
  })

  it("names auth: 'public' on a route that has an authorizer: the two disagree", async () => {
    assert.deepEqual(await routeProblems(route('publicEndpoint', 'jwt')), [
      `${where('publicEndpoint')}: the endpoint declares auth: 'public' but the route has authorizer 'jwt': remove the route's authorizer, or write \`auth: requireAuth({ scopes: [] })\` (from '#http/auth')`,
    ])
  })

  it('leaves the scope comparison of a requireAuth endpoint to the route check', () => {
    const endpoint: EndpointDescription = { ...publicEndpoint.endpoint, auth: { scopes: ['a'] } }
    const [fn] = route('protectedEndpoint', { name: 'jwt', scopes: ['b'] })
    assert.ok(fn?.routes[0])
    assert.equal(authStanceProblem(endpoint, fn.routes[0]), undefined)
  })
})
