import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { Logger } from '@aws-lambda-powertools/logger'
import type { ConstructorOptions } from '@aws-lambda-powertools/logger/types'
import { projectRoot } from '../../scripts/lib/sls.ts'
import { ServiceLogFormatter } from '../../src/lib/log-formatter.ts'
import type { LoggerOptions } from '../../src/lib/logger.ts'
import { createContext } from '../fixtures/context.ts'
import { captureOutput } from '../helpers/output.ts'

const TIMESTAMP = /"timestamp":"[^"]+"/g

/** What the same calls write through Powertools' default formatter and through ours. */
const both = async (write: (logger: Logger) => void, options: ConstructorOptions = {}) => {
  const base = { serviceName: 'svc', logLevel: 'DEBUG', ...options } as ConstructorOptions
  const stock = await captureOutput(() => write(new Logger(base)))
  const ours = await captureOutput(() =>
    write(new Logger({ ...(base as LoggerOptions), logFormatter: new ServiceLogFormatter() })),
  )
  return { stock: stock.text.replace(TIMESTAMP, '"timestamp":"T"'), ours: ours.text }
}

const withTz = <T>(tz: string | undefined, fn: () => T): T => {
  const saved = process.env.TZ
  if (tz === undefined) delete process.env.TZ
  else process.env.TZ = tz
  try {
    return fn()
  } finally {
    if (saved === undefined) delete process.env.TZ
    else process.env.TZ = saved
  }
}

describe('ServiceLogFormatter', () => {
  it('writes the lines Powertools writes, byte for byte but the timestamp', async () => {
    const context = createContext({ awsRequestId: 'req-1' })
    const outer = new Error('outer', { cause: new TypeError('inner') })
    const extra = new RangeError('extra')
    const { stock, ours } = await both((logger) => {
      logger.appendPersistentKeys({ team: 'payments', nested: { a: 1 } })
      logger.info('plain')
      logger.addContext(context)
      logger.appendKeys({ correlation_id: 'c-1', cold_start: 'overridden' })
      logger.debug({ message: 'as object', n: 1, list: [1, { b: 2 }], skipped: undefined })
      logger.warn('extras', { http: { status: 404, headers: { a: 'b' } } }, { more: true })
      logger.warn('extra string', 'a string')
      logger.error('failed', { error: outer })
      logger.error('failed', extra)
      logger.createChild({ serviceName: 'child' }).info('from a child', { x: null, y: '' })
      logger.resetKeys()
      logger.info('after reset')
    })
    assert.equal(ours.trimEnd().split('\n').length, 8)
    assert.equal(ours.replace(TIMESTAMP, '"timestamp":"T"'), stock)
  })

  it('drops __proto__ and constructor keys as Powertools does', async () => {
    const { stock, ours } = await both((logger) => {
      logger.info('keys', JSON.parse('{"__proto__":{"polluted":1},"constructor":"c","ok":1}'))
    })
    assert.equal(ours.replace(TIMESTAMP, '"timestamp":"T"'), stock)
    assert.match(ours, /"ok":1/)
    assert.doesNotMatch(ours, /polluted|"constructor"/)
  })

  it('writes UTC timestamps when TZ is unset or UTC, as Lambda sets it', () => {
    const now = new Date('2026-11-29T13:00:00.123Z')
    for (const tz of [undefined, ':UTC', 'UTC']) {
      const formatter = withTz(tz, () => new ServiceLogFormatter())
      assert.equal(formatter.formatTimestamp(now), '2026-11-29T13:00:00.123Z', String(tz))
    }
  })

  it('keeps Powertools offset timestamps in another time zone', () => {
    const now = new Date('2026-11-29T13:00:00.123Z')
    const formatter = withTz('Asia/Kolkata', () => new ServiceLogFormatter())
    assert.equal(
      withTz('Asia/Kolkata', () => formatter.formatTimestamp(now)),
      '2026-11-29T18:30:00.123+05:30',
    )
  })

  describe('formatError', () => {
    // A generated file whose map sends each of its two lines to the same line of src/app.ts.
    const dir = path.join(projectRoot, '.esbuild', `test-formatter-${randomUUID().slice(0, 8)}`)
    const bundle = path.join(dir, 'app.cjs')
    mkdirSync(dir, { recursive: true })
    writeFileSync(bundle, 'a()\nb()\n')
    const map = { version: 3, sources: ['../../src/app.ts'], names: [], mappings: 'AAAA;AACA' }
    writeFileSync(`${bundle}.map`, JSON.stringify(map))
    after(() => rmSync(dir, { recursive: true, force: true }))

    const errorAt = (message: string, line: number, cause?: Error) => {
      const error = new Error(message, { cause })
      error.stack = `Error: ${message}\n    at fail (${bundle}:${line}:1)\n    at ${bundle}:1:1`
      return error
    }

    it('points stack and location into the sources, for causes too', () => {
      const formatter = new ServiceLogFormatter()
      const formatted = formatter.formatError(errorAt('outer', 2, errorAt('inner', 1)))
      assert.deepEqual(formatted, {
        name: 'Error',
        location: 'src/app.ts:2',
        message: 'outer',
        stack: 'Error: outer\n    at fail (src/app.ts:2:1)\n    at src/app.ts:1:1',
        cause: {
          name: 'Error',
          location: 'src/app.ts:1',
          message: 'inner',
          stack: 'Error: inner\n    at fail (src/app.ts:1:1)\n    at src/app.ts:1:1',
          cause: undefined,
        },
      })
    })

    it('leaves an error without mapped frames as Powertools formats it', () => {
      const error = new TypeError('not mapped')
      const formatter = new ServiceLogFormatter()
      assert.deepEqual(formatter.formatError(error), {
        name: 'TypeError',
        location: formatter.getCodeLocation(error.stack),
        message: 'not mapped',
        stack: error.stack,
        cause: undefined,
      })
    })
  })
})
