import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import * as v from 'valibot'
import type { HttpEvent } from '../../src/lib/types.ts'
import { type AuthContext, type JwtAuthOptions, jwtAuth } from '../../src/middleware/jwt-auth.ts'
import { buildEvent, loadEvent } from '../fixtures/events.ts'
import { middyRequest } from '../helpers/middy-request.ts'

const withClaims = (claims: Record<string, unknown>, scopes?: string[]): HttpEvent => {
  const event = buildEvent()
  Object.assign(event.requestContext, { authorizer: { jwt: { claims, scopes } } })
  return event
}

const check = async (event: HttpEvent, options: JwtAuthOptions = {}) => {
  const contexts = new WeakMap<object, AuthContext<unknown>>()
  const request = middyRequest(event)
  await jwtAuth({ ...options, contexts }).before?.(request)
  return { context: contexts.get(event), subject: request.internal.sub }
}

const UNAUTHORIZED = {
  statusCode: 401,
  expose: true,
  message: 'A valid bearer token is required',
  headers: { 'www-authenticate': 'Bearer' },
}
const insufficient = (message: string, scope = 'orders:write') => ({
  statusCode: 403,
  expose: true,
  message,
  headers: { 'www-authenticate': `Bearer error="insufficient_scope", scope="${scope}"` },
})
const NO_SCOPE = 'The token does not grant the scope this endpoint requires'
const BAD_CLAIMS = "The token's claims do not meet this endpoint's needs"

describe('jwtAuth', () => {
  it('admits the AWS event with its subject, scopes and normalised claims', async () => {
    const { context, subject } = await check(loadEvent('orders'), {
      scopes: ['orders:write'],
    })
    assert.equal(subject, 'user-7f3a')
    assert.equal(context?.subject, 'user-7f3a')
    assert.deepEqual(context?.scopes, ['orders:write', 'orders:read'])
    assert.equal((context?.claims as Record<string, unknown> | undefined)?.exp, 1796453600)
  })

  it('admits the serverless-offline event the same way', async () => {
    const { context } = await check(loadEvent('orders-jwt-offline'), { scopes: ['orders:write'] })
    assert.equal(context?.subject, 'user-7f3a')
    assert.deepEqual(context?.scopes, ['orders:write', 'orders:read'])
  })

  it('refuses a request without verified claims: 401, WWW-Authenticate: Bearer', async () => {
    for (const event of [buildEvent(), withClaims(undefined as never), loadEvent('json')]) {
      await assert.rejects(check(event, { scopes: ['orders:write'] }), UNAUTHORIZED)
    }
  })

  it('refuses claims without a subject: 401', async () => {
    await assert.rejects(check(withClaims({ scope: 'orders:write' })), UNAUTHORIZED)
    await assert.rejects(check(withClaims({ sub: '' })), UNAUTHORIZED)
  })

  it('refuses a missing scope: 403 insufficient_scope naming the required ones', async () => {
    const event = withClaims({ sub: 'u-1', scope: 'orders:read' }, ['orders:read'])
    await assert.rejects(check(event, { scopes: ['orders:write'] }), insufficient(NO_SCOPE))
    await assert.rejects(
      check(withClaims({ sub: 'u-1', scope: 'a' }), { scopes: ['a', 'b'] }),
      insufficient(NO_SCOPE, 'a b'),
    )
  })

  it('notes the subject of a refused token for the request summary', async () => {
    const request = middyRequest(withClaims({ sub: 'u-9' }))
    await assert.rejects(jwtAuth({ scopes: ['x'] }).before?.(request) as Promise<void>)
    assert.equal(request.internal.sub, 'u-9')
  })

  it('types the claims by their schema, and refuses claims that fail it: 403', async () => {
    const claims = v.object({ sub: v.string(), 'cognito:groups': v.array(v.string()) })
    const { context } = await check(loadEvent('orders'), { scopes: [], claims })
    assert.deepEqual(context?.claims, { sub: 'user-7f3a', 'cognito:groups': ['admins', 'buyers'] })
    await assert.rejects(
      check(withClaims({ sub: 'u-1', scope: 'orders:write' }), {
        scopes: ['orders:write'],
        claims,
      }),
      insufficient(BAD_CLAIMS),
    )
  })

  it('never repeats a claim value in what it throws', async () => {
    const marker = 'distinctive-claim-value-41'
    const claims = v.object({ sub: v.string(), tenant: v.literal('acme') })
    const event = withClaims({ sub: marker, tenant: marker, scope: marker })
    for (const options of [{ scopes: ['orders:write'] }, { scopes: [], claims }]) {
      const error = await check(event, options).then(
        () => assert.fail('admitted'),
        (e: unknown) => e,
      )
      assert.ok(!JSON.stringify(error).includes(marker))
      assert.ok(!String((error as Error).message).includes(marker))
    }
  })
})
