// A rejected value can be a secret (a token sent in the wrong field, a card number that fails a
// pattern). Whatever the library and the rule, the 422 must name where, never what.
import assert from 'node:assert/strict'
import { it } from 'node:test'
import { type } from 'arktype'
import fc from 'fast-check'
import * as v from 'valibot'
import * as z from 'zod'
import { createHttpHandler, type Schema } from '../../src/http/index.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'
import { check, silentLogger, stats } from './support.ts'

// One rule per field, each of which some library words with the rejected value.
const FIELDS = ['email', 'pattern', 'choice', 'literal', 'number', 'short', 'big'] as const

const SCHEMAS: Record<string, Schema> = {
  valibot: v.object({
    email: v.pipe(v.string(), v.email()),
    pattern: v.pipe(v.string(), v.regex(/^[0-9]+$/)),
    choice: v.picklist(['a', 'b']),
    literal: v.literal('x'),
    number: v.number(),
    short: v.pipe(v.string(), v.maxLength(3)),
    big: v.pipe(v.number(), v.maxValue(10)),
  }),
  zod: z.object({
    email: z.email(),
    pattern: z.string().regex(/^[0-9]+$/),
    choice: z.enum(['a', 'b']),
    literal: z.literal('x'),
    number: z.number(),
    short: z.string().max(3),
    big: z.number().max(10),
  }),
  arktype: type({
    email: 'string.email',
    pattern: /^[0-9]+$/,
    choice: "'a' | 'b'",
    literal: "'x'",
    number: 'number',
    short: 'string <= 3',
    big: 'number <= 10',
  }),
}

// Secret-like strings: long enough not to occur in any schema's own wording by chance.
const secret = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_+/=.-]{7,39}$/)
const bigNumber = fc.oneof(
  fc.integer({ min: 100_001, max: Number.MAX_SAFE_INTEGER }),
  fc.double({ min: 100_001.5, max: 1e12, noNaN: true }),
)

export const validation = () => {
  for (const [library, schema] of Object.entries(SCHEMAS)) {
    const fn = createHttpHandler({
      request: { body: schema },
      logger: silentLogger,
      handler: () => null,
    })

    it(`${library}: a 422 never contains a rejected value`, async () => {
      await check(
        fc.asyncProperty(secret, bigNumber, async (text, number) => {
          const body = {
            email: text,
            pattern: text,
            choice: text,
            literal: text,
            number: text,
            short: text,
            big: number,
          }
          stats.events++
          const response = await fn(
            buildEvent({ body: JSON.stringify(body), contentType: 'application/json' }),
            createContext(),
          )
          assert.equal(response.statusCode, 422)
          const problem = JSON.parse(response.body ?? '') as { errors: { pointer: string }[] }
          assert.deepEqual(
            [...new Set(problem.errors.map((e) => e.pointer))].sort(),
            FIELDS.map((f) => `/${f}`).sort(),
          )
          assert.ok(!response.body?.includes(text), `${text} in ${response.body}`)
          assert.ok(!response.body?.includes(String(number)), `${number} in ${response.body}`)
        }),
        100,
      )
    })
  }
}
