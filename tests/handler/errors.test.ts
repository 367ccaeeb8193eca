import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createError } from '@middy/util'
import { createHttpHandler, SECURITY_HEADERS } from '../../src/http/create-http-handler.ts'
import type { PlainData } from '../../src/http/endpoint.ts'
import { createLogger } from '../../src/lib/logger.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'
import { problemOf } from '../helpers/invoke.ts'
import { captureOutput } from '../helpers/output.ts'

const SECRET = 'db password hunter2 at 10.0.0.12'

const throwing = (fail: () => PlainData | Promise<PlainData>, timeoutMarginMs?: number) =>
  createHttpHandler({
    auth: 'public',
    handler: fail,
    logger: createLogger({ logLevel: 'INFO' }),
    timeoutMarginMs,
  })

const run = async (fn: ReturnType<typeof throwing>, body = `{"card":"${SECRET}"}`) => {
  const event = buildEvent({ body, contentType: 'application/json', requestId: 'rid-500' })
  const captured = await captureOutput(() => fn(event, createContext()))
  return { ...captured, event }
}

const failures: [string, () => PlainData | Promise<PlainData>][] = [
  [
    'an Error',
    () => {
      throw new Error(SECRET)
    },
  ],
  [
    'a string',
    () => {
      throw SECRET
    },
  ],
  [
    'undefined',
    () => {
      throw undefined
    },
  ],
  [
    'a null-prototype object',
    () => {
      throw Object.assign(Object.create(null), { secret: SECRET })
    },
  ],
  ['a rejected promise', () => Promise.reject(new TypeError(SECRET))],
  [
    'an exposed 5xx http error',
    () => {
      throw createError(503, SECRET, { expose: true })
    },
  ],
]

describe('errors are RFC 9457 problem documents', () => {
  for (const [name, fail] of failures) {
    it(`answers a business function throwing ${name} with a bare 5xx problem`, async () => {
      const { result, lines, text } = await run(throwing(fail))
      const status = result.statusCode ?? 0
      assert.ok(status >= 500 && status <= 599)
      const problem = problemOf(result)
      assert.deepEqual(Object.keys(problem).sort(), [
        'detail',
        'requestId',
        'status',
        'title',
        'type',
      ])
      assert.equal(problem.status, result.statusCode)
      assert.equal(problem.requestId, 'rid-500')
      assert.equal(problem.detail, problem.title)
      assert.doesNotMatch(result.body ?? '', /hunter2|stack|at |card/)
      const errors = lines.filter((line) => line.level === 'ERROR')
      assert.equal(errors.length, 1, text)
      assert.match(JSON.stringify(errors[0]), /"stack":/)
    })
  }

  it("logs the thrown error itself, not the stock handler's generic 500 that replaces it", async () => {
    for (const thrown of [
      new TypeError('db down'),
      createError(404, 'Order 7 not found', { expose: false }),
    ]) {
      const { lines } = await run(
        throwing(() => {
          throw thrown
        }),
      )
      const errors = lines.filter((line) => line.level === 'ERROR')
      assert.equal(errors.length, 1)
      const error = errors[0]?.error as { name?: unknown; message?: unknown; stack?: unknown }
      assert.equal(error.name, thrown.name)
      assert.equal(error.message, thrown.message)
      assert.match(String(error.stack), new RegExp(`^${thrown.name}: ${thrown.message}\\n`))
    }
  })

  it('answers a plain failure with exactly 500 Internal Server Error', async () => {
    const { result } = await run(throwing(failures[0]?.[1] ?? (() => undefined)))
    assert.equal(result.statusCode, 500)
    assert.equal(problemOf(result).title, 'Internal Server Error')
  })

  it('keeps the next invocation unaffected after a failure', async () => {
    let calls = 0
    const flaky = throwing(() => {
      calls += 1
      if (calls === 1) throw new Error('first call fails')
      return { message: 'ok' }
    })
    assert.equal((await run(flaky)).result.statusCode, 500)
    const second = await run(flaky)
    assert.equal(second.result.statusCode, 200)
    assert.deepEqual(JSON.parse(second.result.body ?? ''), { message: 'ok' })
    assert.equal(second.lines.filter((line) => line.level === 'ERROR').length, 0)
  })

  it('lets a business function answer a chosen 4xx with its message', async () => {
    const { result } = await run(
      throwing(() => {
        throw createError(409, 'Order already exists')
      }),
    )
    assert.equal(result.statusCode, 409)
    assert.deepEqual(problemOf(result), {
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'Order already exists',
      requestId: 'rid-500',
    })
  })

  it('answers 504 before the Lambda deadline when the business function hangs', async () => {
    const slow = throwing(() => new Promise((resolve) => setTimeout(resolve, 2000, null)), 50)
    const event = buildEvent({ body: '{}', contentType: 'application/json', requestId: 'rid-504' })
    const started = Date.now()
    const { result, lines } = await captureOutput(() =>
      slow(event, createContext({ remainingMs: 150 })),
    )
    assert.ok(Date.now() - started < 1000)
    assert.equal(result.statusCode, 504)
    assert.equal(problemOf(result).title, 'Gateway Timeout')
    const errors = lines.filter((line) => line.level === 'ERROR')
    assert.equal(errors.length, 1)
    assert.match(JSON.stringify(errors[0]), /Lambda timeout/)
  })

  it('sends security headers on problems and successes alike', async () => {
    for (const fn of [throwing(() => ({ ok: true })), throwing(failures[0]?.[1] ?? (() => 1))]) {
      const { result } = await run(fn)
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        assert.equal(result.headers?.[name], value)
      }
    }
  })
})

describe('log level and status agree with the response', () => {
  const logged = async (fail: () => PlainData | Promise<PlainData>) => {
    const { result, lines } = await run(throwing(fail))
    const problems = lines.filter((line) => line.level === 'WARN' || line.level === 'ERROR')
    const summary = lines.filter((line) => line.message === 'request completed')
    assert.equal(problems.length, 1, JSON.stringify(lines))
    assert.equal(summary.length, 1)
    return { result, line: problems[0] ?? {}, summary: summary[0]?.http as { status: unknown } }
  }

  it('logs an unexposed 404 (answered 500) as one ERROR request failed with status 500', async () => {
    const { result, line, summary } = await logged(() => {
      throw createError(404, 'x', { expose: false })
    })
    assert.equal(result.statusCode, 500)
    assert.equal(problemOf(result).status, 500)
    assert.equal(line.level, 'ERROR')
    assert.equal(line.message, 'request failed')
    assert.equal(line.status, 500)
    assert.equal(summary.status, 500)
  })

  it('answers a plain Error with a 4xx statusCode 500, without its message, logged at ERROR', async () => {
    const { result, line, summary } = await logged(() => {
      throw Object.assign(new Error('Order 7 not found'), { statusCode: 404 })
    })
    assert.equal(result.statusCode, 500)
    assert.equal(problemOf(result).detail, 'Internal Server Error')
    assert.equal(line.level, 'ERROR')
    assert.equal(line.status, 500)
    assert.equal(summary.status, 500)
  })

  // Middy's expose rule settles the status, then the 400–599 rule: what the client gets.
  const statuses: [string, unknown, number][] = [
    ['an exposed 4xx', createError(409, 'x'), 409],
    ['a 4xx with expose: false', createError(404, 'x', { expose: false }), 500],
    [
      'a 4xx with expose: null',
      Object.assign(new Error('x'), { statusCode: 404, expose: null }),
      500,
    ],
    [
      'a plain Error with a 4xx statusCode',
      Object.assign(new Error('x'), { statusCode: 404 }),
      500,
    ],
    ['a 5xx', createError(503, 'x'), 500],
    ['an exposed 5xx', createError(504, 'x', { expose: true }), 504],
    ['an exposed 599', createError(599, 'x', { expose: true }), 599],
    ['an exposed 600', Object.assign(new Error('x'), { statusCode: 600, expose: true }), 500],
    ['an exposed 399', Object.assign(new Error('x'), { statusCode: 399, expose: true }), 500],
    ['an exposed 400', createError(400, 'x', { expose: true }), 400],
    ['a plain exposed 400', Object.assign(new Error('x'), { statusCode: 400, expose: true }), 500],
    ['a fractional statusCode', Object.assign(new Error('x'), { statusCode: 404.5 }), 500],
    ['a string', '404', 500],
  ]
  for (const [name, error, status] of statuses) {
    it(`answers ${status} for ${name}, in the response, its log line and the summary`, async () => {
      const { result, line, summary } = await logged(() => {
        throw error
      })
      assert.equal(result.statusCode, status)
      assert.equal(line.status, status)
      assert.equal(summary.status, status)
      assert.equal(line.level, status < 500 ? 'WARN' : 'ERROR')
    })
  }

  const thrown: [string, () => unknown][] = [
    ['createError(409)', () => createError(409, 'x')],
    ['createError(404, expose: false)', () => createError(404, 'x', { expose: false })],
    ['createError(503)', () => createError(503, 'x')],
    ['createError(504, expose: true)', () => createError(504, 'x', { expose: true })],
    ['an Error with statusCode 302', () => Object.assign(new Error('x'), { statusCode: 302 })],
    ['an Error with statusCode 404.5', () => Object.assign(new Error('x'), { statusCode: 404.5 })],
    ['an Error with statusCode "404"', () => Object.assign(new Error('x'), { statusCode: '404' })],
    ['an object with statusCode 502', () => ({ statusCode: 502 })],
  ]
  for (const [name, make] of thrown) {
    it(`gives the response, the WARN/ERROR line and the INFO summary one status for ${name}`, async () => {
      const { result, line, summary } = await logged(() => {
        throw make()
      })
      assert.equal(line.status, result.statusCode)
      assert.equal(summary.status, result.statusCode)
      assert.equal(problemOf(result).status, result.statusCode)
      assert.equal(line.level, (result.statusCode ?? 500) < 500 ? 'WARN' : 'ERROR')
    })
  }
})
