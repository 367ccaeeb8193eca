// The notes endpoints through their whole chain, as API Gateway invokes them: an event built like
// a real one, the shared Lambda context, the response as the client gets it.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { APIGatewayProxyEventV2 } from 'aws-lambda'
import { context } from '#tests/fixtures/context.ts'
import { buildEvent, type EventInput } from '#tests/fixtures/events.ts'
import { invoke } from '#tests/helpers/invoke.ts'
import { handler as deleteNote } from '../../src/handlers/delete-note.js'
import { handler as getNote } from '../../src/handlers/get-note.js'
import { handler as patchNote } from '../../src/handlers/patch-note.js'

/** An event for `METHOD /notes/{noteId}`, with the path parameter API Gateway fills in. */
const noteEvent = (
  method: string,
  noteId: string,
  input: EventInput = {},
  query?: Record<string, string>,
): APIGatewayProxyEventV2 => ({
  ...buildEvent({ method, ...input }),
  routeKey: `${method} /notes/{noteId}`,
  rawPath: `/notes/${noteId}`,
  pathParameters: { noteId },
  ...(query ? { queryStringParameters: query } : {}),
})

const json = (body: unknown): EventInput => ({
  body: JSON.stringify(body),
  contentType: 'application/json',
})

const WRITER = { claims: { sub: 'user-1' }, scopes: ['notes:write'] }

describe('GET /notes/{noteId}', () => {
  it('answers the note with its declared header', async () => {
    const response = await invoke(getNote, noteEvent('GET', 'n1'), context)
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers?.['x-notes-api'], '1')
    assert.equal(JSON.parse(response.body ?? '').title, 'First note')
  })

  it('leaves the body out of ?view=summary', async () => {
    const response = await invoke(getNote, noteEvent('GET', 'n1', {}, { view: 'summary' }))
    assert.deepEqual(JSON.parse(response.body ?? ''), { id: 'n1', title: 'First note', version: 1 })
  })

  it('answers 404 for a note that does not exist, 422 for an id of the wrong form', async () => {
    assert.equal((await invoke(getNote, noteEvent('GET', 'n404'))).statusCode, 404)
    assert.equal((await invoke(getNote, noteEvent('GET', 'x'))).statusCode, 422)
  })
})

describe('PATCH /notes/{noteId}', () => {
  it('answers 428 without If-Match and 412 with a stale one', async () => {
    const change = json({ title: 'Renamed' })
    assert.equal((await invoke(patchNote, noteEvent('PATCH', 'n1', change))).statusCode, 428)
    const stale = { ...change, headers: { 'if-match': '"0"' } }
    assert.equal((await invoke(patchNote, noteEvent('PATCH', 'n1', stale))).statusCode, 412)
  })

  it('changes the note when If-Match names its version', async () => {
    const change = { ...json({ title: 'Renamed' }), headers: { 'if-match': '"1"' } }
    const response = await invoke(patchNote, noteEvent('PATCH', 'n1', change))
    assert.equal(response.statusCode, 200)
    assert.deepEqual(JSON.parse(response.body ?? ''), { id: 'n1', version: 2 })
  })
})

describe('DELETE /notes/{noteId}', () => {
  it('answers 401 without a token', async () => {
    assert.equal((await invoke(deleteNote, noteEvent('DELETE', 'n1'))).statusCode, 401)
  })

  it('deletes the note for a token granting notes:write: 204, then 404', async () => {
    const response = await invoke(deleteNote, noteEvent('DELETE', 'n1', { jwt: WRITER }))
    assert.equal(response.statusCode, 204)
    assert.equal(response.body ?? '', '')
    assert.equal((await invoke(getNote, noteEvent('GET', 'n1'))).statusCode, 404)
  })
})
