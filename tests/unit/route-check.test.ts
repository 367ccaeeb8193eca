import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { routeParams, routeProblems } from '../../scripts/lib/route-check.ts'
import { functionsOf } from '../../scripts/lib/serverless-config.ts'

const fn = (exportName: string, ...routes: string[]) =>
  functionsOf({
    [exportName]: {
      handler: `tests/fixtures/route-endpoints.${exportName}`,
      events: routes.map((route) => ({ httpApi: route })),
    },
  })

describe('routeProblems', () => {
  it('finds nothing when routes and declarations agree', async () => {
    assert.deepEqual(
      await routeProblems([...fn('byId', 'PUT /widgets/{id}'), ...fn('byId', 'GET /widgets/{id}')]),
      [],
    )
  })

  it('names the file and route whose {param} names differ from the path schema keys', async () => {
    assert.deepEqual(await routeProblems(fn('misnamed', 'PUT /widgets/{id}')), [
      "tests/fixtures/route-endpoints.ts (misnamed, PUT /widgets/{id}): path schema keys [widgetId] differ from the route's parameters [id]",
    ])
    assert.deepEqual(await routeProblems(fn('byId', 'GET /widgets')), [
      "tests/fixtures/route-endpoints.ts (byId, GET /widgets): path schema keys [id] differ from the route's parameters []",
    ])
  })

  it('names a GET, DELETE or HEAD route whose endpoint declares a body schema', async () => {
    assert.deepEqual(
      await routeProblems(fn('withBody', 'GET /widgets', 'DELETE /widgets', 'POST /widgets')),
      [
        'tests/fixtures/route-endpoints.ts (withBody, GET /widgets): a GET request has no body to validate',
        'tests/fixtures/route-endpoints.ts (withBody, DELETE /widgets): a DELETE request has no body to validate',
      ],
    )
  })

  it('names a handler file whose export was not made by createHttpHandler, or is missing', async () => {
    assert.deepEqual(await routeProblems(fn('plain', 'GET /plain')), [
      "tests/fixtures/route-endpoints.ts (plain, GET /plain): export 'plain' is not a handler made by createHttpHandler",
    ])
    assert.deepEqual(await routeProblems(fn('absent', 'GET /absent')), [
      "tests/fixtures/route-endpoints.ts (absent, GET /absent): export 'absent' is not a handler made by createHttpHandler",
    ])
  })

  it('names declared statuses outside 200–299 (success) and 400–599 (problem)', async () => {
    assert.deepEqual(await routeProblems(fn('outOfRange', 'POST /x', 'PUT /x')), [
      'tests/fixtures/route-endpoints.ts (outOfRange, POST /x, PUT /x): success status 302 is not 200–299',
      'tests/fixtures/route-endpoints.ts (outOfRange, POST /x, PUT /x): problem status 200 is not 400–599',
    ])
  })

  describe('auth', () => {
    const orders = (authorizer?: unknown) =>
      functionsOf({
        orders: {
          handler: 'tests/fixtures/route-endpoints.protectedEndpoint',
          events: [{ httpApi: { method: 'POST', path: '/orders', authorizer } }],
        },
      })
    const where = 'tests/fixtures/route-endpoints.ts (orders, POST /orders)'

    it('finds nothing when the route asks for the scopes the endpoint declares', async () => {
      const authorizer = { name: 'jwt', scopes: ['orders:write'] }
      assert.deepEqual(await routeProblems(orders(authorizer)), [])
    })

    it('names an endpoint declaring auth whose route has no authorizer', async () => {
      assert.deepEqual(await routeProblems(orders()), [
        `${where}: declares auth (scopes [orders:write]) but the route has no authorizer`,
      ])
    })

    it('names a route whose authorizer asks for other scopes, or none', async () => {
      assert.deepEqual(await routeProblems(orders({ name: 'jwt', scopes: ['orders:read'] })), [
        `${where}: auth scopes [orders:write] differ from the route's authorizer scopes [orders:read]`,
      ])
      assert.deepEqual(await routeProblems(orders('jwt')), [
        `${where}: auth scopes [orders:write] differ from the route's authorizer scopes []`,
      ])
    })

    it('names a protected route whose endpoint declares no auth', async () => {
      const open = functionsOf({
        open: {
          handler: 'tests/fixtures/route-endpoints.open',
          events: [{ httpApi: { method: 'POST', path: '/open', authorizer: { name: 'jwt' } } }],
        },
      })
      assert.deepEqual(await routeProblems(open), [
        "tests/fixtures/route-endpoints.ts (open, POST /open): the route has authorizer 'jwt' but the endpoint declares no auth: write `auth: requireAuth({ scopes: [] })` (from '#http/auth')",
      ])
    })
  })

  it('reads {param} and greedy {param+} names from a route path', () => {
    assert.deepEqual(routeParams('/a/{id}/b/{proxy+}'), ['id', 'proxy'])
    assert.deepEqual(routeParams('/a'), [])
  })
})
