// `auth: 'public'` is a stance for the route check and openapi.json: at run time it is no check, the
// business function gets no identity, and it is typed so.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createHttpHandler } from '../../src/http/index.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent, ORDERS_WRITER } from '../fixtures/events.ts'
import { captureOutput } from '../helpers/output.ts'

const seen: unknown[] = []
const endpoint = createHttpHandler({
  auth: 'public',
  handler: ({ auth }) => {
    // @ts-expect-error: a public endpoint's `auth` is undefined, so it has no subject
    auth?.subject
    const none: undefined = auth
    seen.push(none)
    return { ok: true }
  },
})

// Never called (the chain would refuse 'open' as a middleware): `tsc` checks it.
export const typoedStance = () =>
  // @ts-expect-error: a stance is requireAuth(…) or 'public', nothing else
  createHttpHandler({ auth: 'open', handler: () => null })

describe("auth: 'public'", () => {
  it('answers a request without a token, and gives the business function no auth', async () => {
    const { result } = await captureOutput(() =>
      endpoint(buildEvent({ body: '{}', contentType: 'application/json' }), createContext()),
    )
    assert.equal(result.statusCode, 200)
    assert.deepEqual(seen, [undefined])
  })

  it('reads no identity from a token the event happens to carry', async () => {
    const event = buildEvent({ body: '{}', contentType: 'application/json', jwt: ORDERS_WRITER })
    const { result } = await captureOutput(() => endpoint(event, createContext()))
    assert.equal(result.statusCode, 200)
    assert.equal(seen.at(-1), undefined)
  })

  it('is kept in the declaration for the route check and openapi.json', () => {
    assert.equal(endpoint.endpoint.auth, 'public')
  })
})
