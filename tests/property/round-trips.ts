// Round trips through the real chain: what a client encodes is what the business function gets.
import assert from 'node:assert/strict'
import { it } from 'node:test'
import type { Arbitrary, JsonValue } from 'fast-check'
import fc from 'fast-check'
import { MAX_FORM_PAIRS } from '../../src/lib/form.ts'
import { buildEvent } from '../fixtures/events.ts'
import { assertPrototypesIntact, check, recordingHandler } from './support.ts'

const send = recordingHandler()

const headerName = fc.constantFrom('content-type', 'Content-Type', 'CONTENT-TYPE')

/** Well-formed strings only: a lone surrogate cannot be carried by UTF-8 bytes. */
export const unicode = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }))

const ownKey = (target: object, key: string, value: unknown) =>
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })

/** Rule 5: `__proto__`, or `constructor` holding `prototype`, at any depth is refused with 400. */
export const hasForbiddenKey = (value: unknown): boolean => {
  if (Array.isArray(value)) return value.some(hasForbiddenKey)
  if (typeof value !== 'object' || value === null) return false
  return Object.entries(value).some(
    ([key, child]) =>
      key === '__proto__' ||
      (key === 'constructor' &&
        typeof child === 'object' &&
        child !== null &&
        Object.hasOwn(child, 'prototype')) ||
      hasForbiddenKey(child),
  )
}

/**
 * What JSON text carries: `JSON.stringify(-0)` is `0`, so -0 (which fc.jsonValue generates) comes
 * back as 0, and deepStrictEqual tells them apart. Rebuilt with own data properties only.
 */
export const asSentAsJson = (value: unknown): unknown => {
  if (Object.is(value, -0)) return 0
  if (Array.isArray(value)) return value.map(asSentAsJson)
  if (typeof value !== 'object' || value === null) return value
  const copy = {}
  for (const [key, child] of Object.entries(value)) ownKey(copy, key, asSentAsJson(child))
  return copy
}

// fc.jsonValue can itself produce a `__proto__` key (as an own property); forbidden keys are also
// injected on purpose, and such bodies are expected to get 400 instead of reaching the function.
const forbidden: Arbitrary<JsonValue> = fc
  .tuple(fc.constantFrom('__proto__', 'constructor'), fc.jsonValue({ maxDepth: 2 }), fc.boolean())
  .map(([key, inner, nested]) => {
    const target = ownKey({}, key, key === 'constructor' ? { prototype: inner } : inner)
    return nested ? [{ ok: 1, deeper: target }] : target
  })

const jsonValues = fc.oneof(
  { arbitrary: fc.jsonValue({ stringUnit: 'binary' }), weight: 5 },
  { arbitrary: fc.jsonValue({ stringUnit: 'grapheme', maxDepth: 4 }), weight: 4 },
  { arbitrary: forbidden, weight: 1 },
)
const jsonType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'Application/JSON ; Charset="UTF-8"',
  'application/ld+json',
  'application/vnd.api+json;charset=UTF-8',
)

export type Pairs = [string, string][]

/** Repeated keys become arrays in order; the result has no prototype. */
export const expectedForm = (pairs: Pairs): Record<string, string | string[]> => {
  const form: Record<string, string | string[]> = Object.create(null)
  for (const [key, value] of pairs) {
    const previous = form[key]
    if (previous === undefined) form[key] = value
    else if (Array.isArray(previous)) previous.push(value)
    else form[key] = [previous, value]
  }
  return form
}

export const formPairs = (text: Arbitrary<string>): Arbitrary<Pairs> => {
  const special = fc.constantFrom(
    ...['', ' ', '+', '=', '&', '%', '%2B'],
    ...['a[b]', '__proto__', 'constructor'],
  )
  // A small key pool next to arbitrary keys so that repeated keys are common.
  const key = fc.oneof(text, special, fc.constantFrom('a', 'b'))
  return fc.array(fc.tuple(key, fc.oneof(text, special)), { maxLength: 12 })
}

/** Both encoders browsers use: URLSearchParams (space as `+`) and encodeURIComponent (`%20`). */
export const encodeUtf8Form = (pairs: Pairs, style: 'search-params' | 'uri-component'): string =>
  style === 'search-params'
    ? new URLSearchParams(pairs).toString()
    : pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')

const assertForm = (out: Awaited<ReturnType<typeof send>>, pairs: Pairs) => {
  assert.equal(out.response.statusCode, 200, out.response.body)
  if (pairs.length === 0) {
    assert.equal(out.body, undefined) // an empty body is not parsed
    return
  }
  assert.equal(Object.getPrototypeOf(out.body), null)
  assert.deepStrictEqual(out.body, expectedForm(pairs))
  assertPrototypesIntact()
}

const assertText = (out: Awaited<ReturnType<typeof send>>, text: string) => {
  assert.equal(out.response.statusCode, 200, out.response.body)
  assert.equal(out.body, text === '' ? undefined : text) // the empty string is an empty body
}

/** Registers the properties; call inside a `describe`. */
export const roundTrips = (): void => {
  it('JSON values (plain or base64) reach the business function deep-equal', async () => {
    await check(
      fc.asyncProperty(
        jsonValues,
        fc.constantFrom(undefined, 2, '\t'),
        fc.boolean(),
        jsonType,
        headerName,
        async (value, indent, base64, type, name) => {
          const text = JSON.stringify(value, null, indent)
          const out = await send(buildEvent({ body: text, base64, headers: { [name]: type } }))
          if (hasForbiddenKey(value)) {
            assert.equal(out.response.statusCode, 400, out.response.body)
            assert.equal(out.called, false)
          } else {
            assert.equal(out.response.statusCode, 200, out.response.body)
            assert.deepStrictEqual(out.body, asSentAsJson(value))
          }
          assertPrototypesIntact()
        },
      ),
      2000,
    )
  })

  it('headers sent as lists (VPC Lattice), with numbers and nulls beside them, read as strings would', async () => {
    await check(
      fc.asyncProperty(jsonValues, jsonType, headerName, async (value, type, name) => {
        const event = buildEvent({ body: JSON.stringify(value), headers: { [name]: type } })
        const lists: Record<string, unknown> = { 'x-null': null, 'x-number': 42 }
        for (const [key, text] of Object.entries(event.headers)) lists[key] = [text]
        lists['content-length'] = Number(event.headers['content-length'])
        Object.assign(event, { headers: lists })
        const out = await send(event)
        if (hasForbiddenKey(value)) return assert.equal(out.response.statusCode, 400)
        assert.equal(out.response.statusCode, 200, out.response.body)
        assert.deepStrictEqual(out.body, asSentAsJson(value))
      }),
      500,
    )
  })

  it('UTF-8 forms (plain or base64, repeated keys) reach it as the same keys and values', async () => {
    await check(
      fc.asyncProperty(
        formPairs(unicode),
        fc.constantFrom('search-params', 'uri-component'),
        fc.boolean(),
        fc.constantFrom(
          'application/x-www-form-urlencoded',
          'application/x-www-form-urlencoded ; charset=utf-8',
          'Application/X-WWW-Form-Urlencoded;CHARSET=UTF-8',
        ),
        headerName,
        async (pairs, style, base64, type, name) => {
          const body = encodeUtf8Form(pairs, style)
          assertForm(await send(buildEvent({ body, base64, headers: { [name]: type } })), pairs)
        },
      ),
      1500,
    )
  })

  it('forms of up to 1,000 pairs arrive whole; longer ones get 413, never a truncated body', async () => {
    await check(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1500 }),
        fc.nat({ max: 4 }),
        async (count, every) => {
          // Every (every+1)-th pair repeats key `a`, so repeated keys grow long arrays too.
          const pairs: Pairs = Array.from({ length: count }, (_, i) => [
            i % (every + 1) === 0 ? 'a' : `k${i}`,
            String(i),
          ])
          const body = encodeUtf8Form(pairs, 'search-params')
          const type = 'application/x-www-form-urlencoded'
          const out = await send(buildEvent({ body, contentType: type }))
          if (count <= MAX_FORM_PAIRS) assertForm(out, pairs)
          else {
            assert.equal(out.response.statusCode, 413, out.response.body)
            assert.equal(out.called, false)
          }
        },
      ),
      100,
    )
  })

  it('UTF-8 text (plain or base64) reaches it unchanged', async () => {
    const type = fc.constantFrom(
      'text/plain',
      'text/plain; charset=utf-8',
      'TEXT/PLAIN;CHARSET="UTF-8"',
      'text/csv',
      'text/markdown ; charset=utf8',
    )
    await check(
      fc.asyncProperty(unicode, fc.boolean(), type, headerName, async (text, base64, t, name) => {
        assertText(await send(buildEvent({ body: text, base64, headers: { [name]: t } })), text)
      }),
      1000,
    )
  })
}
