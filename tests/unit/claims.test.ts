import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { normalizeClaims, scopesOf } from '../../src/lib/claims.ts'
import { loadEvent } from '../fixtures/events.ts'

const jwtOf = (name: string) =>
  (
    loadEvent(name).requestContext as unknown as {
      authorizer: { jwt: { claims: Record<string, unknown>; scopes: unknown } }
    }
  ).authorizer.jwt

// The two checked-in events carry the same token's claims: as API Gateway delivers them (every
// value a string, `scope` dropped in favour of `scopes`) and as serverless-offline does (JSON).
const AWS = jwtOf('orders')
// The claims sit on a null prototype; compared here by their own keys.
const plain = (raw: Record<string, unknown>) => ({ ...normalizeClaims(raw) })
const OFFLINE = jwtOf('orders-jwt-offline')

describe('normalizeClaims', () => {
  it("turns API Gateway's strings into numbers, booleans and lists", () => {
    assert.deepEqual(plain(AWS.claims), {
      auth_time: 1796449990,
      client_id: 'example-app-client-id',
      'cognito:groups': ['admins', 'buyers'],
      email: 'ada@example.com',
      email_verified: true,
      exp: 1796453600,
      iat: 1796450000,
      iss: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Example01',
      jti: '3a26417c-c808-4246-bdfa-cdbbf98a2374',
      sub: 'user-7f3a',
      token_use: 'access',
      version: '2',
    })
  })

  it("keeps serverless-offline's JSON in the same shape", () => {
    assert.deepEqual(plain(OFFLINE.claims), {
      email: 'ada@example.com',
      email_verified: true,
      'cognito:groups': ['admins', 'buyers'],
      client_id: 'example-app-client-id',
      token_use: 'access',
      auth_time: 1796449990,
      scope: 'orders:write orders:read',
      iss: 'https://dev-issuer.localhost',
      aud: 'example-service-local',
      sub: 'user-7f3a',
      iat: 1796450000,
      exp: 1796453600,
      jti: '3a26417c-c808-4246-bdfa-cdbbf98a2374',
    })
  })

  it('gives both deliveries of a claim the same value', () => {
    const aws = normalizeClaims(AWS.claims)
    const offline = normalizeClaims(OFFLINE.claims)
    for (const key of ['sub', 'exp', 'iat', 'auth_time', 'email_verified', 'cognito:groups']) {
      assert.deepEqual(aws[key], offline[key], key)
    }
  })

  it('writes other numbers and booleans as AWS does, as strings; list items too', () => {
    assert.deepEqual(plain({ 'custom:tier': 3, 'custom:beta': false, roles: [1, 'a'] }), {
      'custom:tier': '3',
      'custom:beta': 'false',
      roles: ['1', 'a'],
    })
  })

  it('reads an AWS list of one and an empty one', () => {
    assert.deepEqual(plain({ aud: '[api]', groups: '[]' }), { aud: ['api'], groups: [] })
  })

  it('leaves out a time or boolean claim that is not one', () => {
    assert.deepEqual(plain({ exp: 'soon', nbf: '-1', email_verified: 'yes', sub: 'u' }), {
      sub: 'u',
    })
  })
})

describe('scopesOf', () => {
  it("reads API Gateway's scopes list", () => {
    assert.deepEqual(scopesOf(normalizeClaims(AWS.claims), AWS.scopes), [
      'orders:write',
      'orders:read',
    ])
  })

  it("reads offline's scope claim and list alike, without repeats", () => {
    assert.deepEqual(scopesOf(normalizeClaims(OFFLINE.claims), OFFLINE.scopes), [
      'orders:write',
      'orders:read',
    ])
    assert.deepEqual(scopesOf(normalizeClaims(OFFLINE.claims), undefined), [
      'orders:write',
      'orders:read',
    ])
  })

  it('reads an scp list, in either delivery', () => {
    assert.deepEqual(scopesOf(normalizeClaims({ scp: ['a', 'b'] }), null), ['a', 'b'])
    assert.deepEqual(scopesOf(normalizeClaims({ scp: '[a b]' }), null), ['a', 'b'])
    assert.deepEqual(scopesOf(normalizeClaims({}), null), [])
  })
})
