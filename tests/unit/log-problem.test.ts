import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createError } from '@middy/util'
import { logProblem } from '../../src/lib/log-problem.ts'
import { createLogger } from '../../src/lib/logger.ts'
import { captureOutput } from '../helpers/output.ts'

const logger = createLogger({ logLevel: 'DEBUG', serviceName: 'test' })

/** The line for a response the chain settled at `status`. */
const logOf = async (error: unknown, status: number) => {
  const { lines } = await captureOutput(() => logProblem(logger, status, error))
  assert.equal(lines.length, 1, JSON.stringify(lines))
  const [line] = lines
  assert.ok(line)
  return line
}

const errorField = (line: Record<string, unknown>) => line.error as Record<string, unknown>

describe('logProblem', () => {
  it('logs a 4xx as one WARN line with status and reason, without stack, cause or body', async () => {
    const error = createError(400, 'Invalid or malformed JSON was provided', {
      cause: { package: '@middy/http-json-body-parser', data: '{"password":"hunter2",' },
    })
    const line = await logOf(error, 400)
    assert.equal(line.level, 'WARN')
    assert.equal(line.message, 'request rejected')
    assert.equal(line.status, 400)
    assert.equal(line.reason, 'Invalid or malformed JSON was provided')
    assert.equal(line.error, undefined)
    const text = JSON.stringify(line)
    assert.doesNotMatch(text, /hunter2|stack|cause|at .*\.ts:/)
  })

  for (const status of [404, 413, 415, 422, 499]) {
    it(`logs status ${status} at WARN`, async () => {
      const line = await logOf(createError(status, 'why'), status)
      assert.equal(line.level, 'WARN')
      assert.equal(line.status, status)
    })
  }

  it('logs a plain Error as one ERROR line with status 500 and its stack', async () => {
    const line = await logOf(new TypeError('x is not a function'), 500)
    assert.equal(line.level, 'ERROR')
    assert.equal(line.message, 'request failed')
    assert.equal(line.status, 500)
    const error = errorField(line)
    assert.equal(error.name, 'TypeError')
    assert.equal(error.message, 'x is not a function')
    assert.match(String(error.stack), /TypeError: x is not a function\n\s+at /)
  })

  it('logs an HTTP 5xx at ERROR with its own status', async () => {
    const line = await logOf(createError(504, 'Handler still running', { expose: true }), 504)
    assert.equal(line.level, 'ERROR')
    assert.equal(line.status, 504)
    assert.equal(errorField(line).message, 'Handler still running')
  })

  const nonErrors: [string, unknown, string][] = [
    ['a string', 'boom', 'Non-error thrown: boom'],
    ['undefined', undefined, 'Non-error thrown: undefined'],
    ['null', null, 'Non-error thrown: null'],
    ['a number', 42, 'Non-error thrown: 42'],
    ['a symbol', Symbol('s'), 'Non-error thrown: Symbol(s)'],
    ['a null-prototype object', Object.create(null), 'Non-error thrown: object'],
    ['a plain object', { secret: 'hunter2' }, 'Non-error thrown: object'],
    ['an object with a 5xx statusCode', { statusCode: 502 }, 'Non-error thrown: object'],
  ]
  for (const [name, value, message] of nonErrors) {
    it(`logs ${name} thrown as one ERROR line with a stack, without throwing`, async () => {
      const line = await logOf(value, 500)
      assert.equal(line.level, 'ERROR')
      const error = errorField(line)
      assert.equal(error.message, message)
      assert.equal(typeof error.stack, 'string')
      assert.doesNotMatch(JSON.stringify(line), /hunter2/)
    })
  }

  it("logs at the status it is given, not the error's own statusCode", async () => {
    for (const error of [
      { statusCode: 502 },
      createError(404, 'x', { expose: false }),
      Object.assign(new Error('x'), { statusCode: 404, expose: null }),
    ]) {
      const line = await logOf(error, 500)
      assert.equal(line.level, 'ERROR')
      assert.equal(line.message, 'request failed')
      assert.equal(line.status, 500)
    }
  })

  it('logs a plain Error carrying a 4xx statusCode at WARN with that status (Middy exposes it)', async () => {
    const line = await logOf(Object.assign(new Error('Order not found'), { statusCode: 404 }), 404)
    assert.equal(line.level, 'WARN')
    assert.equal(line.status, 404)
    assert.equal(line.reason, 'Order not found')
  })

  it('writes nothing at all when the logger is silent', async () => {
    const silent = createLogger({ logLevel: 'SILENT', serviceName: 'test' })
    const { text } = await captureOutput(() => {
      logProblem(silent, 400, createError(400, 'x'))
      logProblem(silent, 500, new Error('y'))
    })
    assert.equal(text, '')
  })

  it('does not throw for a null-prototype object carrying a 4xx statusCode', async () => {
    const error = Object.assign(Object.create(null), { statusCode: 400, message: 'bad' })
    const line = await logOf(error, 400)
    assert.equal(line.level, 'WARN')
  })
})
