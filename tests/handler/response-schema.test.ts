// A status that declares a body schema sends that schema's output: keys it does not declare never
// go out, and a body it refuses is a defect (500, one ERROR line naming where, not what).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import * as v from 'valibot'
import * as z from 'zod'
import { createHttpHandler, type PlainData } from '../../src/http/index.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'
import { captureOutput } from '../helpers/output.ts'

const Widget = v.object({ id: v.string(), name: v.string() })
const STORED = {
  id: 'w1',
  name: 'Gear',
  passwordHash: '$2b$12$SECRET',
  ownerEmail: 'ada@example.com',
}

const send = async (make: () => ReturnType<typeof createHttpHandler>) => {
  const handler = make()
  const { result, lines } = await captureOutput(() => handler(buildEvent(), createContext()))
  const errors = lines.filter(({ level }) => level === 'ERROR')
  return { result, errors, body: JSON.parse(result.body ?? 'null') as unknown }
}

// An asynchronous Standard Schema: Valibot's output, a tick later.
const later = (schema: StandardSchemaV1): StandardSchemaV1 => ({
  '~standard': {
    ...schema['~standard'],
    validate: async (value) => schema['~standard'].validate(value),
  },
})

describe('response body schemas', () => {
  it('sends the default status body as the schema output, unknown keys stripped', async () => {
    const { result, body } = await send(() =>
      createHttpHandler({
        auth: 'public',
        response: { body: Widget },
        handler: () => STORED as PlainData as { id: string; name: string },
      }),
    )
    assert.equal(result.statusCode, 200)
    assert.deepEqual(body, { id: 'w1', name: 'Gear' })
  })

  it('strips a body declared with its headers, { body, headers }, to that body schema', async () => {
    const { result, body } = await send(() =>
      createHttpHandler({
        auth: 'public',
        responses: { 201: { body: Widget, headers: { location: 'URL of the widget' } } },
        handler: ({ respond }) =>
          respond(201, STORED as { id: string; name: string }, { location: '/widgets/w1' }),
      }),
    )
    assert.equal(result.statusCode, 201)
    assert.equal(result.headers?.location, '/widgets/w1')
    assert.deepEqual(body, { id: 'w1', name: 'Gear' })
  })

  it("strips a respond() body to its status's schema, sync or async, in any library", async () => {
    for (const schema of [Widget, later(Widget), z.object({ id: z.string(), name: z.string() })]) {
      const { result, body } = await send(() =>
        createHttpHandler({
          auth: 'public',
          responses: { 201: schema },
          handler: ({ respond }) => respond(201, STORED as { id: string; name: string }),
        }),
      )
      assert.equal(result.statusCode, 201)
      assert.deepEqual(body, { id: 'w1', name: 'Gear' })
    }
  })

  it('answers a body its schema refuses 500, with one ERROR line naming where', async () => {
    const { result, errors, body } = await send(() =>
      createHttpHandler({
        auth: 'public',
        response: { body: Widget },
        handler: () =>
          ({ id: 7, name: 'ada@example.com' }) as unknown as { id: string; name: string },
      }),
    )
    assert.equal(result.statusCode, 500)
    assert.equal((body as { detail: string }).detail, 'Internal Server Error')
    assert.equal(errors.length, 1)
    const text = JSON.stringify(errors[0])
    assert.match(text, /Response body fails its schema at \/id/)
    assert.doesNotMatch(text, /ada@example\.com/)
  })

  it('leaves a body without a declared schema as it is', async () => {
    const { body } = await send(() => createHttpHandler({ auth: 'public', handler: () => STORED }))
    assert.deepEqual(body, STORED)
  })

  it('sends the body unchecked where RESPONSE_VALIDATION=false (read when the handler is made)', async () => {
    process.env.RESPONSE_VALIDATION = 'false'
    try {
      const { body } = await send(() =>
        createHttpHandler({
          auth: 'public',
          response: { body: Widget },
          handler: () => STORED as { id: string; name: string },
        }),
      )
      assert.deepEqual(body, STORED)
    } finally {
      delete process.env.RESPONSE_VALIDATION
    }
  })
})
