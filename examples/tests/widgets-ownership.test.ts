// The widgets sample's object-level rule: a widget belongs to the subject that created it, and any
// other subject, however well scoped, is answered 404 on a read and on an overwrite.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createContext } from '../../tests/fixtures/context.ts'
import { buildEvent } from '../../tests/fixtures/events.ts'
import { captureOutput } from '../../tests/helpers/output.ts'
import { get, put } from '../widgets.ts'

const SCOPES = ['widgets:read', 'widgets:write']

const request = (subject: string, method: 'PUT' | 'GET', id: string, body?: string) => {
  const event = buildEvent({
    method,
    body,
    contentType: body ? 'application/json' : undefined,
    jwt: { claims: { sub: subject }, scopes: SCOPES },
  })
  event.routeKey = `${method} /widgets/{id}`
  event.pathParameters = { id }
  return event
}

const send = async (subject: string, method: 'PUT' | 'GET', id: string, body?: string) => {
  const handler = method === 'PUT' ? put : get
  const { result } = await captureOutput(() =>
    handler(request(subject, method, id, body), createContext()),
  )
  return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') as unknown }
}

describe('widgets: object-level authorization (examples/widgets.ts)', () => {
  it('lets the owner create, replace and read its widget', async () => {
    assert.equal((await send('ada', 'PUT', 'w10', '{"name":"one"}')).status, 201)
    assert.equal((await send('ada', 'PUT', 'w10', '{"name":"two"}')).status, 200)
    assert.deepEqual(await send('ada', 'GET', 'w10'), {
      status: 200,
      body: { id: 'w10', name: 'two', version: 2 },
    })
  })

  it("answers another subject 404 on a read of someone else's widget, as for a missing one", async () => {
    await send('ada', 'PUT', 'w11', '{"name":"ada-only"}')
    const stranger = await send('eve', 'GET', 'w11')
    const missing = await send('eve', 'GET', 'w99')
    assert.equal(stranger.status, 404)
    assert.equal(missing.status, 404)
    assert.doesNotMatch(JSON.stringify(stranger.body), /ada/)
  })

  it("answers another subject 404 on an overwrite, and leaves the owner's widget as it was", async () => {
    await send('ada', 'PUT', 'w12', '{"name":"mine"}')
    assert.equal((await send('eve', 'PUT', 'w12', '{"name":"stolen"}')).status, 404)
    assert.deepEqual(await send('ada', 'GET', 'w12'), {
      status: 200,
      body: { id: 'w12', name: 'mine', version: 1 },
    })
  })

  it('answers 401 without a token, before any widget is looked at', async () => {
    const event = request('ada', 'GET', 'w10')
    delete (event.requestContext as { authorizer?: unknown }).authorizer
    const { result } = await captureOutput(() => get(event, createContext()))
    assert.equal(result.statusCode, 401)
  })
})
