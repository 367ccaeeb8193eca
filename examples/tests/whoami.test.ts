// docs/auth-cors.md's sample endpoint: its claims schema sees one shape of the claims, whichever
// way they arrived.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { HttpEvent } from '../../src/lib/types.ts'
import { createContext } from '../../tests/fixtures/context.ts'
import { buildEvent, loadEvent } from '../../tests/fixtures/events.ts'
import { captureOutput } from '../../tests/helpers/output.ts'

describe("a claims schema (examples/whoami.ts, docs/auth-cors.md's sample)", () => {
  const asGet = (name: string): HttpEvent => {
    const { requestContext } = loadEvent(name) as unknown as {
      requestContext: { authorizer: unknown }
    }
    const event = buildEvent({ method: 'GET', requestId: `req-${name}` })
    Object.assign(event.requestContext, { authorizer: requestContext.authorizer })
    return event
  }

  it("sees one shape of the claims from API Gateway's strings and offline's JSON", async () => {
    const { handler } = await import('../whoami.ts')
    const missing = (await captureOutput(() => handler(asGet('orders'), createContext()))).result
    // Both events' tokens grant orders:write and orders:read, not profile:read.
    assert.equal(missing.statusCode, 403)
    for (const name of ['orders', 'orders-jwt-offline']) {
      const event = asGet(name)
      const jwt = (event.requestContext as unknown as { authorizer: { jwt: { scopes: string[] } } })
        .authorizer.jwt
      jwt.scopes = ['profile:read']
      const claims = (jwt as unknown as { claims: Record<string, unknown> }).claims
      if ('scope' in claims) claims.scope = 'profile:read'
      const { result } = await captureOutput(() => handler(event, createContext()))
      assert.equal(result.statusCode, 200, name)
      assert.equal(result.body, '{"subject":"user-7f3a","groups":["admins","buyers"]}', name)
    }
  })
})
