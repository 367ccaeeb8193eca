// The early-timeout margin is what turns a hanging business function into a 504 of our own before
// Lambda kills the process. The context's clock is frozen, so Middy reads exactly REMAINING_MS and
// the early timeout fires MARGIN_MS before it, at FIRES_AT_MS; the business functions act 100 ms
// either side of that moment. Nothing measures elapsed time: only which came first.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { createHttpHandler } from '../../src/http/create-http-handler.ts'
import type { BusinessInput, EndpointMiddleware, PlainData } from '../../src/http/endpoint.ts'
import { createLogger } from '../../src/lib/logger.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'
import { problemOf } from '../helpers/invoke.ts'
import { captureOutput } from '../helpers/output.ts'

const REMAINING_MS = 800
const MARGIN_MS = 200
const FIRES_AT_MS = REMAINING_MS - MARGIN_MS

const invoke = (
  business: (input: BusinessInput) => PlainData | Promise<PlainData>,
  middlewares: EndpointMiddleware[] = [],
) => {
  const handler = createHttpHandler({
    auth: 'public',
    handler: business,
    middlewares,
    logger: createLogger({ logLevel: 'ERROR' }),
    timeoutMarginMs: MARGIN_MS,
  })
  const event = buildEvent({ body: '{}', contentType: 'application/json', requestId: 'rid-t' })
  const context = createContext({ remainingMs: REMAINING_MS, now: () => 0 })
  return captureOutput(() => handler(event, context))
}

describe('early timeout: timeoutMarginMs before the Lambda deadline', () => {
  it('answers 200 when the business function finishes before the margin begins', async () => {
    const { result, lines } = await invoke(async () => {
      await sleep(FIRES_AT_MS - 100)
      return { message: 'ok' }
    })
    assert.equal(result.statusCode, 200)
    assert.deepEqual(JSON.parse(result.body ?? ''), { message: 'ok' })
    assert.deepEqual(lines, [])
  })

  it('answers 504 once the margin begins, not before, and aborts the business signal', async () => {
    const seen: { beforeMargin?: boolean; afterMargin?: boolean } = {}
    const { result, lines } = await invoke(async ({ signal }) => {
      await sleep(FIRES_AT_MS - 100)
      seen.beforeMargin = signal.aborted
      await sleep(200)
      seen.afterMargin = signal.aborted
      return { message: 'too late' }
    })
    assert.equal(result.statusCode, 504)
    assert.deepEqual(problemOf(result), {
      type: 'about:blank',
      title: 'Gateway Timeout',
      status: 504,
      detail: 'Gateway Timeout',
      requestId: 'rid-t',
    })
    // Still running 100 ms before the margin: the 504 did not come early.
    assert.equal(seen.beforeMargin, false)
    assert.equal(lines.length, 1)
    const [line] = lines
    assert.ok(line)
    assert.equal(line.message, 'request failed')
    assert.equal(line.status, 504)
    assert.equal(
      (line.error as { message?: string }).message,
      `Handler still running ${MARGIN_MS} ms before the Lambda timeout`,
    )
    // The response is out; the business function runs on until it notices the signal.
    await sleep(250)
    assert.equal(seen.afterMargin, true)
  })

  it('covers an endpoint with middlewares of its own the same way: 504, signal aborted', async () => {
    const signals: AbortSignal[] = []
    const { result } = await invoke(
      async ({ signal }) => {
        signals.push(signal)
        await sleep(FIRES_AT_MS + 100)
        return { message: 'too late' }
      },
      [{ before: () => undefined }],
    )
    assert.equal(result.statusCode, 504)
    assert.equal(problemOf(result).status, 504)
    assert.deepEqual(
      signals.map((signal) => signal.aborted),
      [true],
    )
  })
})
