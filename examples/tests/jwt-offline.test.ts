// The JWT authorizer as `npm start` emulates it: serverless-offline (ignoreJWTSignature) checks a
// token's issuer, audience, expiry and scopes before the function runs, and answers with its own
// JSON, as API Gateway answers with its own {"message":"Unauthorized"}. It never checks the
// signature: a token signed with any key passes, which is pinned here so that the docs stay true.
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type DevTokenOptions, mintDevToken } from '../../scripts/lib/dev-token.ts'
import { type OfflineServer, startOffline } from '../../scripts/lib/offline.ts'
import { projectRoot } from '../../scripts/lib/sls.ts'
import { WITH_EXAMPLE } from './examples.ts'
import { walkthroughTree } from './walkthrough-tree.ts'

const ORDER = '{"email":"ada@example.com","items":[{"sku":"ABC-1234","quantity":2}]}'
/** The function's 201: the created order, its id fresh per request. */
const assertCreated = ({ status, text }: { status: number; text: string }) => {
  assert.equal(status, 201, text)
  const { id, ...rest } = JSON.parse(text) as { id: string }
  assert.match(id, /^[0-9a-f-]{36}$/)
  assert.deepEqual(rest, { lines: 1, units: 2, express: false })
}

let tree: Awaited<ReturnType<typeof walkthroughTree>> | undefined
let offline: OfflineServer | undefined
let otherKeyDir = ''

before(
  async () => {
    tree = await walkthroughTree('jwt-offline')
    otherKeyDir = await mkdtemp(path.join(tmpdir(), 'jwt-other-key-'))
    offline = await startOffline({ root: tree.root, readyTimeoutMs: 60_000 })
  },
  { timeout: 90_000 },
)

after(async () => {
  await offline?.stop()
  await tree?.remove()
  if (otherKeyDir) await rm(otherKeyDir, { recursive: true, force: true })
})

const postOrder = async (token?: string) => {
  assert.ok(offline, 'serverless offline did not start')
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token !== undefined) headers.authorization = `Bearer ${token}`
  const response = await fetch(`${offline.httpUrl}/orders`, {
    method: 'POST',
    headers,
    body: ORDER,
    signal: AbortSignal.timeout(10_000),
  })
  return { status: response.status, text: await response.text() }
}

const withToken = async (options: DevTokenOptions) => postOrder(await mintDevToken(options))

const DOCS = await readFile(path.join(projectRoot, 'docs/auth-cors.md'), 'utf8')

/**
 * serverless-offline's own rejection body (hapi's Boom), never problem+json from the function;
 * docs/auth-cors.md shows each one as `<status> <body>`.
 */
const rejection = (status: 401 | 403, message: string) => {
  const body = JSON.stringify({
    statusCode: status,
    error: status === 401 ? 'Unauthorized' : 'Forbidden',
    message,
  })
  assert.ok(DOCS.includes(`${status} ${body}`), `docs/auth-cors.md lacks ${status} ${body}`)
  return body
}

describe('serverless offline: the JWT authorizer on POST /orders', () => {
  it('refuses a request without a token: 401', async () => {
    assert.deepEqual(await postOrder(), { status: 401, text: rejection(401, 'Unauthorized') })
  })

  it('refuses an expired token: 401', async () => {
    assert.deepEqual(await withToken({ scopes: ['orders:write'], expired: true }), {
      status: 401,
      text: rejection(401, 'JWT Token expired'),
    })
  })

  it('refuses a token from another issuer: 401', async () => {
    const token = { scopes: ['orders:write'], issuer: 'https://issuer.example' }
    assert.deepEqual(await withToken(token), {
      status: 401,
      text: rejection(401, 'JWT Token not from correct issuer url'),
    })
  })

  it('refuses a token for another audience: 401', async () => {
    assert.deepEqual(await withToken({ scopes: ['orders:write'], audience: 'another-api' }), {
      status: 401,
      text: rejection(401, 'JWT Token does not contain correct audience'),
    })
  })

  it('refuses a token without the route scope: 403', async () => {
    const forbidden = { status: 403, text: rejection(403, 'JWT Token missing valid scope') }
    assert.deepEqual(await withToken({ scopes: ['orders:read'] }), forbidden)
    assert.deepEqual(await withToken({}), forbidden)
  })

  it('lets a valid token with orders:write through to the function: 201', async () => {
    assertCreated(await withToken({ scopes: ['orders:write', 'openid'] }))
  })

  it('does not check the signature: a token signed with an unknown key passes', async () => {
    const forged = { scopes: ['orders:write'], keyDir: otherKeyDir }
    assertCreated(await withToken(forged))
  })

  it('leaves POST /example public', WITH_EXAMPLE, async () => {
    assert.ok(offline)
    const response = await fetch(`${offline.httpUrl}/example`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    assert.equal(response.status, 200)
    assert.equal(await response.text(), '{"message":"ok"}')
  })
})
