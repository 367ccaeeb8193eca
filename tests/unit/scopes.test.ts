// How a token's scopes are read (RFC 6749 §3.3: separated by SP, U+0020, alone, as
// serverless-offline splits them), and which scopes an endpoint may declare (scope-tokens only).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { requireAuth } from '../../src/http/auth.ts'
import { normalizeClaims, scopesOf } from '../../src/lib/claims.ts'
import { buildEvent } from '../fixtures/events.ts'
import { middyRequest } from '../helpers/middy-request.ts'

const scopesIn = (claims: Record<string, unknown>) => scopesOf(normalizeClaims(claims), undefined)

describe('a token’s scopes', () => {
  it('split a `scope` claim on spaces, runs of them included', () => {
    assert.deepEqual(scopesIn({ scope: 'orders:read  orders:write ' }), [
      'orders:read',
      'orders:write',
    ])
  })

  for (const [name, separator] of [
    ['NBSP', '\u00a0'],
    ['U+3000', '\u3000'],
    ['a tab', '\t'],
    ['a line feed', '\n'],
  ] as const) {
    it(`keep ${name} inside a scope, so neither half is granted`, () => {
      assert.deepEqual(scopesIn({ scope: `orders:read${separator}orders:write` }), [
        `orders:read${separator}orders:write`,
      ])
    })
  }

  it('split an `scp` string on commas and spaces', () => {
    assert.deepEqual(scopesIn({ scp: 'orders:read,orders:write' }), ['orders:read', 'orders:write'])
    assert.deepEqual(scopesIn({ scp: 'a, b c' }), ['a', 'b', 'c'])
    assert.deepEqual(scopesIn({ scp: 'a\u00a0b,c' }), ['a\u00a0b', 'c'])
  })

  it("split AWS's printed list on its single spaces only", () => {
    assert.deepEqual(scopesIn({ scp: '[a b\u3000c]' }), ['a', 'b\u3000c'])
  })
})

describe('declared scopes', () => {
  for (const scope of [
    'orders:write',
    'orders/read',
    'https://api.example.com/orders.read',
    'p,q',
    "!#$%&'()*+-.:;<=>?@[]^_`{|}~",
  ]) {
    it(`accept the scope-token ${scope}, quoted as is in the 403 challenge`, async () => {
      const auth = requireAuth({ scopes: [scope] })
      assert.deepEqual(auth.scopes, [scope])
      const event = buildEvent()
      Object.assign(event.requestContext, { authorizer: { jwt: { claims: { sub: 'u-1' } } } })
      await assert.rejects(async () => auth.before?.(middyRequest(event)), {
        statusCode: 403,
        headers: { 'www-authenticate': `Bearer error="insufficient_scope", scope="${scope}"` },
      })
    })
  }

  for (const scope of [
    'x"y',
    'p q',
    'a\r\nx-injected: 1',
    'back\\slash',
    'caf\u00e9',
    'a\u00a0b',
    '',
  ]) {
    it(`refuse ${JSON.stringify(scope)} at declaration, naming it`, () => {
      assert.throws(() => requireAuth({ scopes: ['orders:write', scope] }), {
        name: 'TypeError',
        message: `Scope ${JSON.stringify(scope)} is not an RFC 6749 scope-token: printable ASCII without spaces, '"' or '\\'`,
      })
    })
  }
})
