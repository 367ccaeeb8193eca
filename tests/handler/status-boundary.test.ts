// The edges of the status a thrown error keeps: 400 to 599, exposed. Through the real chain, so the
// response, its problem document, the WARN/ERROR line and the summary line must all agree.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createError } from '@middy/util'
import { createHttpHandler } from '../../src/http/create-http-handler.ts'
import { createLogger } from '../../src/lib/logger.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'
import { problemOf } from '../helpers/invoke.ts'
import { captureOutput } from '../helpers/output.ts'

const answer = async (thrown: unknown) => {
  const fn = createHttpHandler({
    auth: 'public',
    handler: () => {
      throw thrown
    },
    logger: createLogger({ logLevel: 'INFO' }),
  })
  const event = buildEvent({ body: '{}', contentType: 'application/json' })
  const { result, lines } = await captureOutput(() => fn(event, createContext()))
  const problem = problemOf(result)
  const logged = lines.filter((line) => line.level === 'WARN' || line.level === 'ERROR')
  const summary = lines.find((line) => line.message === 'request completed')?.http as {
    status: unknown
  }
  assert.equal(logged.length, 1, JSON.stringify(lines))
  return { status: result.statusCode, problem, line: logged[0] ?? {}, summary }
}

describe('the status range a thrown error keeps', () => {
  it('keeps an exposed 599, the last status of the range', async () => {
    const { status, problem, line, summary } = await answer(createError(599, 'x', { expose: true }))
    assert.equal(status, 599)
    assert.equal(problem.status, 599)
    assert.equal(line.level, 'ERROR')
    assert.equal(line.status, 599)
    assert.equal(summary.status, 599)
  })

  it('answers an exposed 600, one past the range, with 500', async () => {
    const thrown = Object.assign(new Error('x'), { statusCode: 600, expose: true })
    const { status, problem, line, summary } = await answer(thrown)
    assert.equal(status, 500)
    assert.deepEqual(problem.title, 'Internal Server Error')
    assert.equal(problem.status, 500)
    assert.equal(line.status, 500)
    assert.equal(summary.status, 500)
  })

  it('keeps a 400, the first status of the range, as a WARN', async () => {
    const { status, problem, line, summary } = await answer(createError(400, 'bad'))
    assert.equal(status, 400)
    assert.equal(problem.status, 400)
    assert.equal(problem.detail, 'bad')
    assert.equal(line.level, 'WARN')
    assert.equal(summary.status, 400)
  })

  it('answers a 399, one below the range, with 500', async () => {
    const thrown = Object.assign(new Error('x'), { statusCode: 399, expose: true })
    const { status, problem, summary } = await answer(thrown)
    assert.equal(status, 500)
    assert.equal(problem.status, 500)
    assert.equal(summary.status, 500)
  })
})
