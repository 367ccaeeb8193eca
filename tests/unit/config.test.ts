import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { bodyLimitBytes, timeoutMarginMs } from '../../src/lib/config.ts'

const NAMES = ['BODY_LIMIT_BYTES', 'TIMEOUT_MARGIN_MS'] as const
let saved: Record<string, string | undefined> = {}

beforeEach(() => {
  saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]))
  for (const name of NAMES) delete process.env[name]
})

afterEach(() => {
  for (const name of NAMES) {
    const value = saved[name]
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
})

const settings = [
  { name: 'BODY_LIMIT_BYTES', read: bodyLimitBytes, fallback: 1024 * 1024 },
  { name: 'TIMEOUT_MARGIN_MS', read: timeoutMarginMs, fallback: 500 },
] as const

for (const { name, read, fallback } of settings) {
  describe(name, () => {
    it(`defaults to ${fallback} when unset`, () => {
      assert.equal(read(), fallback)
    })

    it('defaults when set to an empty or blank value', () => {
      for (const value of ['', '   ']) {
        process.env[name] = value
        assert.equal(read(), fallback, JSON.stringify(value))
      }
    })

    it('reads a positive integer', () => {
      process.env[name] = '2048'
      assert.equal(read(), 2048)
      process.env[name] = '1'
      assert.equal(read(), 1)
      process.env[name] = ' 4096 '
      assert.equal(read(), 4096)
    })

    it('is read again on every call, not cached at import', () => {
      process.env[name] = '10'
      assert.equal(read(), 10)
      process.env[name] = '20'
      assert.equal(read(), 20)
    })

    for (const value of [
      '0',
      '-1',
      '1.5',
      'abc',
      '1MiB',
      '1e400',
      'NaN',
      'Infinity',
      '9007199254740993',
    ]) {
      it(`throws a RangeError naming the variable for ${JSON.stringify(value)}`, () => {
        process.env[name] = value
        assert.throws(
          () => read(),
          (error: unknown) =>
            error instanceof RangeError &&
            error.message.includes(name) &&
            error.message.includes(`'${value}'`),
        )
      })
    }
  })
}
