// isStrictBase64 reads Node's lenient decoder's output length instead of matching a regular
// expression; this holds it to that expression on texts built to trip the decoder.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { BodyDecodeError, base64Bytes, isStrictBase64 } from '../../src/lib/body.ts'

const REFERENCE = /^[A-Za-z0-9+/]*={0,2}$/
const reference = (text: string) => text.length % 4 === 0 && REFERENCE.test(text)

// Characters Node's decoder skips, reads as URL-safe digits, or reads by their low byte.
const ODD = [...'=-_ \n\t.!\u0000\u00ff', 'ī', 'ā', '€', 'Ł', '\ud83d']

const pieces = fc.constantFrom(...'AQgwz09+/'.split(''), ...ODD, 'AAAA', '==', 'QQ==')
const damaged = fc
  .tuple(
    fc.uint8Array({ maxLength: 24 }),
    fc.nat(),
    fc.constantFrom(...ODD, 'A', '+'),
    fc.boolean(),
  )
  .map(([bytes, at, char, insert]) => {
    const text = Buffer.from(bytes).toString('base64')
    const i = at % (text.length + 1)
    return `${text.slice(0, i)}${char}${text.slice(insert ? i : i + 1)}`
  })

describe('isStrictBase64', () => {
  it('agrees with ^[A-Za-z0-9+/]*={0,2}$ on any text, length a multiple of 4', () => {
    const text = fc.oneof(
      fc.array(pieces, { maxLength: 16 }).map((p) => p.join('')),
      damaged,
    )
    fc.assert(
      fc.property(text, (t) => assert.equal(isStrictBase64(t), reference(t), JSON.stringify(t))),
      { seed: 42, numRuns: 20_000 },
    )
  })

  it('rejects what the decoder would read as digits: URL-safe and non-ASCII characters', () => {
    for (const text of ['ab-_', 'AAAī', 'AAAā', 'AA\u0141=']) {
      assert.equal(isStrictBase64(text), false, text)
      assert.throws(() => base64Bytes(text), BodyDecodeError)
    }
  })

  it('gives back the decoded bytes of valid base64', () => {
    assert.deepEqual([...base64Bytes('AP8=')], [0, 255])
  })
})
