import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { jsonParseProtectProto } from '@middy/util'
import fc from 'fast-check'
import { mayHoldForbiddenKey, nestedDeeperThan } from '../../src/lib/json-guard.ts'

const SEED = 42

// A JSON document as a tree, so keys can repeat (`__proto__` twice) and be written any way.
type Doc =
  | { kind: 'leaf'; value: string | number | boolean | null }
  | { kind: 'array'; items: Doc[] }
  | { kind: 'object'; entries: [string, Doc][] }

const FORBIDDEN = ['__proto__', 'constructor'] as const
// Near misses and the word the constructor rule looks for, among ordinary strings.
const keyArb = fc.oneof(
  fc.constantFrom(...FORBIDDEN, 'prototype', '__proto', '_proto__', 'constructo', 'Constructor'),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
)

const leafArb = fc.oneof(
  fc.constantFrom(null, true, false),
  fc.integer(),
  fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...FORBIDDEN, '\\u005f')),
)

const { doc: docArb } = fc.letrec<{ doc: Doc }>((tie) => ({
  doc: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb.map((value): Doc => ({ kind: 'leaf', value })),
    fc.array(tie('doc'), { maxLength: 4 }).map((items): Doc => ({ kind: 'array', items })),
    fc
      .array(fc.tuple(keyArb, tie('doc')), { maxLength: 4 })
      .map((entries): Doc => ({ kind: 'object', entries })),
  ),
}))

/** A deterministic choice stream from a seed (mulberry32), for how each token is written. */
const choices = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WHITESPACE = ['', '', ' ', '\n', '\t', '\r\n  ']

/** JSON text of `doc`: any character of a string may be a `\uXXXX` escape, in either hex case. */
const write = (doc: Doc, random: () => number, escapeRate: number): string => {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T
  const ws = () => pick(WHITESPACE)
  const str = (text: string) => {
    let out = '"'
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i)
      const ch = text[i] as string
      if (code < 0x20 || ch === '"' || ch === '\\' || random() < escapeRate) {
        const hex = code.toString(16).padStart(4, '0')
        out += `\\u${random() < 0.5 ? hex : hex.toUpperCase()}`
      } else out += ch
    }
    return `${out}"`
  }
  const value = (d: Doc): string => {
    if (d.kind === 'leaf') return typeof d.value === 'string' ? str(d.value) : String(d.value)
    if (d.kind === 'array') return `[${ws()}${d.items.map(value).join(`${ws()},${ws()}`)}${ws()}]`
    const entries = d.entries.map(([k, v]) => `${str(k)}${ws()}:${ws()}${value(v)}`)
    return `{${ws()}${entries.join(`${ws()},${ws()}`)}${ws()}}`
  }
  return `${ws()}${value(doc)}${ws()}`
}

const textArb = fc
  .tuple(docArb, fc.integer(), fc.constantFrom(0, 0.05, 0.5, 1))
  .map(([doc, seed, rate]) => write(doc, choices(seed), rate))

/** @middy/util's guarded parse: the value, or 'forbidden' when its reviver refused a key. */
const stockParse = (text: string): { value: unknown } | 'forbidden' => {
  try {
    return { value: jsonParseProtectProto(text, undefined, 'test') }
  } catch {
    return 'forbidden'
  }
}

const depthOf = (value: unknown): number => {
  if (typeof value !== 'object' || value === null) return 0
  const children = Array.isArray(value) ? value : Object.values(value)
  return 1 + Math.max(0, ...children.map(depthOf))
}

describe('mayHoldForbiddenKey', () => {
  it('clears ordinary bodies, escapes of non-letters included', () => {
    for (const text of [
      '{"Message":"Test123","n":[1,{"b":null}]}',
      '{"name":"Ren\\u00e9","html":"\\u003cb\\u003e","tab":"\\u0009","emoji":"\\ud83d\\ude00"}',
      '{"proto":1,"_proto_":2,"construct":4,"prototype":5}',
      '[]',
      '"x"',
    ]) {
      assert.equal(mayHoldForbiddenKey(text), false, text)
    }
  })

  it('flags the forbidden words, literal or spelled with escapes in either hex case', () => {
    for (const text of [
      '{"__proto__":{}}',
      '{"a":[{"b":{"__proto__":null}}]}',
      '{"constructor":{"prototype":{}}}',
      '{"\\u005f_proto__":{"polluted":1}}',
      '{"\\u005F\\u005Fproto\\u005f\\u005F":1}',
      '{"__pr\\u006fto__":1}',
      '{"\\u0063onstructor":{"prototype":{}}}',
      '{"constructo\\u0072":{"\\u0070rototype":{}}}',
      // In a value, or in another case: flagged too, which costs the careful parse, nothing else.
      '{"note":"the constructor"}',
      '{"Constructor":1}',
    ]) {
      assert.equal(mayHoldForbiddenKey(text), true, text)
    }
  })

  it('is sound: a body it clears parses with plain JSON.parse to what the guarded parse gives', () => {
    let cleared = 0
    let flagged = 0
    fc.assert(
      fc.property(textArb, (text) => {
        const stock = stockParse(text)
        if (mayHoldForbiddenKey(text)) {
          flagged++
          return
        }
        cleared++
        assert.notEqual(stock, 'forbidden', text)
        assert.deepEqual(JSON.parse(text), (stock as { value: unknown }).value, text)
      }),
      { seed: SEED, numRuns: 2000 },
    )
    // Both branches were exercised.
    assert.ok(cleared > 100 && flagged > 100, `cleared ${cleared}, flagged ${flagged}`)
  })

  it('flags every forbidden key, however escaped, nested and spaced', () => {
    const withForbidden = fc
      .tuple(docArb, fc.constantFrom(...FORBIDDEN), fc.integer(), fc.double({ min: 0, max: 1 }))
      .map(([doc, key, seed, rate]) => {
        const inner: Doc = { kind: 'object', entries: [['prototype', { kind: 'leaf', value: 1 }]] }
        const forbidden: Doc = { kind: 'object', entries: [[key, inner]] }
        const wrapped: Doc = { kind: 'array', items: [doc, { kind: 'array', items: [forbidden] }] }
        return write(wrapped, choices(seed), rate)
      })
    fc.assert(
      fc.property(withForbidden, (text) => {
        assert.equal(stockParse(text), 'forbidden', text)
        assert.equal(mayHoldForbiddenKey(text), true, text)
      }),
      { seed: SEED, numRuns: 1000 },
    )
  })
})

describe('nestedDeeperThan', () => {
  it('counts arrays and objects as levels, scalars as none', () => {
    assert.equal(nestedDeeperThan(1, 0), false)
    assert.equal(nestedDeeperThan(null, 0), false)
    assert.equal(nestedDeeperThan([], 0), true)
    assert.equal(nestedDeeperThan([], 1), false)
    assert.equal(nestedDeeperThan({ a: [{}] }, 2), true)
    assert.equal(nestedDeeperThan({ a: [{}] }, 3), false)
  })

  it('answers for 100,000 levels without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)
    assert.equal(nestedDeeperThan(deep, 2000), true)
  })

  it('agrees with the depth of any parsed document', () => {
    fc.assert(
      fc.property(textArb, fc.nat(6), (text, limit) => {
        const value = JSON.parse(text)
        assert.equal(nestedDeeperThan(value, limit), depthOf(value) > limit, text)
      }),
      { seed: SEED, numRuns: 1000 },
    )
  })
})
