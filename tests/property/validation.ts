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

// A query parameter coerced to a number: the libraries print the number, not the string sent.
const QUERIES: Record<string, Schema> = {
  valibot: v.object({
    limit: v.pipe(
      v.string(),
      v.regex(/^\d+$/),
      v.transform(Number),
      v.minValue(1),
      v.maxValue(100),
    ),
  }),
  zod: z.object({ limit: z.coerce.number().int().min(1).max(100) }),
  arktype: type({ limit: type('string.integer.parse').to('1 <= number <= 100') }),
}
const outOfRange = fc.oneof(fc.constant(0), fc.integer({ min: 101, max: Number.MAX_SAFE_INTEGER }))

// Secret-like strings: long enough not to occur in any schema's own wording by chance.
const secret = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_+/=.-]{7,39}$/)
const bigNumber = fc.oneof(
  fc.integer({ min: 100_001, max: Number.MAX_SAFE_INTEGER }),
  fc.double({ min: 100_001.5, max: 1e12, noNaN: true }),
)

// Values of any length: short strings and numbers of every size, which occur in a rule's own
// wording, so the check is that no message ends with them as the library prints what it received.
const shortText = fc.stringMatching(/^[A-Za-z0-9]{1,7}$/)
const anyNumber = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))
const regexEscape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const printedAtEnd = (detail: string, printed: string) =>
  new RegExp(`\\b(?:received|was|got)\\b[\\s:]*"?${regexEscape(printed)}"?\\)?$`, 'i').test(detail)

export const validation = () => {
  for (const [library, schema] of Object.entries(SCHEMAS)) {
    const fn = createHttpHandler({
      auth: 'public',
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

    const withQuery = createHttpHandler({
      auth: 'public',
      request: { body: schema, query: QUERIES[library] },
      logger: silentLogger,
      handler: () => null,
    })

    it(`${library}: a 422 never prints a received short string or number`, async () => {
      await check(
        fc.asyncProperty(shortText, anyNumber, outOfRange, async (text, number, limit) => {
          const body = { email: text, pattern: text, choice: text, literal: text }
          Object.assign(body, { number: text, short: text, big: number })
          stats.events++
          const event = buildEvent({ body: JSON.stringify(body), contentType: 'application/json' })
          event.queryStringParameters = { limit: String(limit) }
          event.rawQueryString = `limit=${limit}`
          const response = await withQuery(event, createContext())
          assert.equal(response.statusCode, 422)
          const { errors } = JSON.parse(response.body ?? '') as { errors: { detail: string }[] }
          for (const { detail } of errors) {
            for (const printed of [text, String(number), String(limit)]) {
              assert.ok(!printedAtEnd(detail, printed), `${printed} in ${detail}`)
            }
            assert.ok(!detail.includes(JSON.stringify(text)), `${text} in ${detail}`)
          }
        }),
        100,
      )
    })
  }
}
