// An endpoint that declares `auth` refuses by itself what its route's authorizer should have
// refused (defence in depth): 401 without verified claims, 403 for a missing scope or claims that
// fail their schema, before the body is read and with no claim value in the answer or any log line.
// The business function gets who was let in, typed by the claims schema.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import * as v from 'valibot'
import { requireAuth } from '../../src/http/auth.ts'
import { createHttpHandler } from '../../src/http/index.ts'
import { createLogger } from '../../src/lib/logger.ts'
import type { HttpEvent } from '../../src/lib/types.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent, type EventInput, loadEvent, ORDERS_WRITER } from '../fixtures/events.ts'
import { captureOutput } from '../helpers/output.ts'

const ORDER = '{"email":"ada@example.com","items":[{"sku":"ABC-1234","quantity":2}]}'

// Claims a schema can check: the groups the business function needs, typed.
const BuyerClaims = v.object({
  sub: v.string(),
  'cognito:groups': v.pipe(v.array(v.string()), v.includes('buyers')),
})

const seen: unknown[] = []
const endpoint = createHttpHandler({
  auth: requireAuth({ scopes: ['orders:write'], claims: BuyerClaims }),
  request: { body: v.object({ email: v.string() }) },
  response: { status: 201 },
  logger: createLogger({ logLevel: 'DEBUG', serviceName: 'test' }),
  handler: ({ auth }) => {
    // Typed by the schema: a string[] without a cast.
    const groups: string[] = auth.claims['cognito:groups']
    seen.push({ subject: auth.subject, scopes: auth.scopes, groups })
    return { ok: true }
  },
})

const send = async (event: HttpEvent) => {
  const before = seen.length
  const { result, lines, text } = await captureOutput(() => endpoint(event, createContext()))
  return {
    response: result,
    body: JSON.parse(result.body ?? 'null') as Record<string, unknown>,
    lines,
    text,
    called: seen.length > before,
  }
}

const event = (input: EventInput = {}) =>
  buildEvent({ contentType: 'application/json', body: ORDER, requestId: 'req-auth', ...input })

const withGroups = (groups: string, scopes = ['orders:write']) => ({
  claims: { ...ORDERS_WRITER.claims, 'cognito:groups': groups },
  scopes,
})

describe('an endpoint with auth', () => {
  it('lets in the AWS event and the serverless-offline event with the same typed identity', async () => {
    for (const name of ['orders', 'orders-jwt-offline']) {
      const { response, called } = await send(loadEvent(name))
      assert.equal(response.statusCode, 201, name)
      assert.ok(called)
      assert.deepEqual(seen.at(-1), {
        subject: 'user-7f3a',
        scopes: ['orders:write', 'orders:read'],
        groups: ['admins', 'buyers'],
      })
    }
  })

  it('answers 401 problem+json with WWW-Authenticate: Bearer when no claims were verified', async () => {
    const { response, body, called } = await send(event())
    assert.equal(response.statusCode, 401)
    assert.equal(response.headers?.['content-type'], 'application/problem+json')
    assert.equal(response.headers?.['www-authenticate'], 'Bearer')
    assert.deepEqual(body, {
      type: 'about:blank',
      title: 'Unauthorized',
      status: 401,
      detail: 'A valid bearer token is required',
      requestId: 'req-auth',
    })
    assert.equal(called, false)
  })

  it('refuses before reading the body: no token and a malformed or oversized body is a 401', async () => {
    for (const body of ['{"email":', 'x'.repeat(2 * 1024 * 1024)]) {
      const { response } = await send(event({ body }))
      assert.equal(response.statusCode, 401)
    }
  })

  it('answers 403 insufficient_scope naming the required scope when one is missing', async () => {
    const { response, body, called } = await send(
      event({ jwt: withGroups('[buyers]', ['orders:read']) }),
    )
    assert.equal(response.statusCode, 403)
    assert.equal(
      response.headers?.['www-authenticate'],
      'Bearer error="insufficient_scope", scope="orders:write"',
    )
    assert.equal(body.detail, 'The token does not grant the scope this endpoint requires')
    assert.equal(called, false)
  })

  it('answers 403 insufficient_scope when the claims fail their schema', async () => {
    const { response, body } = await send(event({ jwt: withGroups('[admins]') }))
    assert.equal(response.statusCode, 403)
    assert.equal(
      response.headers?.['www-authenticate'],
      'Bearer error="insufficient_scope", scope="orders:write"',
    )
    assert.equal(body.detail, "The token's claims do not meet this endpoint's needs")
  })

  it('puts the subject on the request summary, refused or not, and nothing else of the token', async () => {
    for (const [jwt, status] of [
      [withGroups('[buyers]'), 201],
      [withGroups('[buyers]', []), 403],
    ] as const) {
      const { lines } = await send(event({ jwt }))
      const summary = lines.find((line) => line.message === 'request completed')
      assert.equal(summary?.sub, 'user-7f3a')
      assert.equal((summary?.http as { status?: number } | undefined)?.status, status)
    }
    const { lines } = await send(event())
    const summary = lines.find((line) => line.message === 'request completed')
    assert.ok(summary && !('sub' in summary))
  })

  it('never logs or answers a claim value other than the subject, even at DEBUG with the event', async () => {
    const marks = ['claim-mark-email-8812', 'claim-mark-group-8813', 'claim-mark-scope-8814']
    const claims = {
      ...ORDERS_WRITER.claims,
      email: marks[0] ?? '',
      'cognito:groups': `[buyers ${marks[1]}]`,
      scope: `orders:write ${marks[2]}`,
    }
    for (const scopes of [['orders:write', marks[2] ?? ''], [marks[2] ?? '']]) {
      const { response, text, lines } = await send(event({ jwt: { claims, scopes } }))
      assert.ok(lines.some((line) => line.message === 'Lambda invocation event'))
      for (const mark of marks) {
        assert.ok(!text.includes(mark), `${mark} logged`)
        assert.ok(!JSON.stringify(response).includes(mark), `${mark} answered`)
      }
    }
  })
})
