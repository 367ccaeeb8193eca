// The notes API served the way `npm start` serves it (serverless offline, bundled by
// serverless-esbuild, the local stage's JWT authorizer): routes, path and query parameters, the
// If-Match header and the authorizer as the fork's serverless.yml declares them. The fork check
// copies this file to tests/notes/ of the fork; the template has no notes routes to serve.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { mintDevToken, type OfflineServer, startOffline } from '#tests/helpers/offline.ts'

let server: OfflineServer | undefined

const request = (
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
) => {
  assert.ok(server, 'serverless offline did not start')
  return fetch(`${server.httpUrl}${path}`, {
    method,
    headers,
    body,
    signal: AbortSignal.timeout(10_000),
  })
}

before(
  async () => {
    server = await startOffline()
  },
  { timeout: 60_000 },
)

after(async () => {
  await server?.stop()
})

describe('the notes API under serverless offline', () => {
  it('answers GET with the note, its declared header and the query applied', async () => {
    const response = await request('GET', '/notes/n1?view=summary')
    assert.equal(response.status, 200, server?.output())
    assert.equal(response.headers.get('x-notes-api'), '1')
    assert.deepEqual(await response.json(), { id: 'n1', title: 'First note', version: 1 })
    assert.equal((await request('GET', '/notes/n404')).status, 404)
  })

  it('takes If-Match on PATCH through to the middleware and the handler', async () => {
    const json = { 'content-type': 'application/json' }
    const change = JSON.stringify({ title: 'Renamed' })
    assert.equal((await request('PATCH', '/notes/n1', json, change)).status, 428)
    const changed = await request('PATCH', '/notes/n1', { ...json, 'if-match': '"1"' }, change)
    assert.equal(changed.status, 200)
    assert.deepEqual(await changed.json(), { id: 'n1', version: 2 })
  })

  it('deletes only for a token granting notes:write: 401, 403, then 204', async () => {
    assert.equal((await request('DELETE', '/notes/n1')).status, 401)
    const reader = await mintDevToken({ scopes: ['notes:read'] })
    const refused = await request('DELETE', '/notes/n1', { authorization: `Bearer ${reader}` })
    assert.equal(refused.status, 403)
    const writer = await mintDevToken({ scopes: ['notes:write'] })
    const deleted = await request('DELETE', '/notes/n1', { authorization: `Bearer ${writer}` })
    assert.equal(deleted.status, 204)
  })
})
