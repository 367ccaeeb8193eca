// Shared plumbing for the property suite: the seed and run counts (from the environment, so any
// run can be replayed or scaled up), a silent handler that records what the business function got,
// and the checks every generated event must pass.
import assert from 'node:assert/strict'
import type { APIGatewayProxyEventV2 } from 'aws-lambda'
import fc, { type IAsyncProperty } from 'fast-check'
import { createLogger } from '../../src/lib/logger.ts'
import {
  type ChainOptions,
  type Outcome,
  recordingHandler as recordChain,
} from '../helpers/invoke.ts'

/** Fixed by default so CI runs are reproducible; `FC_SEED=<n> npm test` replays or explores. */
export const DEFAULT_SEED = 42

const fromEnv = (
  name: string,
  fallback: number,
  expected: string,
  valid: (n: number) => boolean,
): number => {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const value = Number(raw)
  if (!valid(value)) throw new RangeError(`${name} must be ${expected}, got '${raw}'`)
  return value
}

/** fast-check seeds are signed 32-bit integers (it reports a larger one wrapped to negative). */
export const SEED = fromEnv(
  'FC_SEED',
  DEFAULT_SEED,
  'a signed 32-bit integer',
  (n) => Number.isInteger(n) && n === (n | 0),
)
/** Multiplies every property's run count: `FC_RUNS_SCALE=10 npm test` for a longer fuzz. */
export const SCALE = fromEnv(
  'FC_RUNS_SCALE',
  1,
  'a positive number',
  (n) => Number.isFinite(n) && n > 0,
)

export const stats = { events: 0, runs: 0 }

export const replayHint = `FC_SEED=${SEED}${SCALE === 1 ? '' : ` FC_RUNS_SCALE=${SCALE}`} npm test`

/**
 * Runs a property with the suite's seed. fast-check's failure message starts with
 * `Property failed after N tests { seed: …, path: "…", endOnFailure: true }` and the shrunk
 * counterexample; the replay command is appended so that the way to reproduce is in the CI log.
 */
export const check = async <Ts>(property: IAsyncProperty<Ts>, baseRuns: number): Promise<void> => {
  const numRuns = Math.max(1, Math.round(baseRuns * SCALE))
  stats.runs += numRuns
  try {
    await fc.assert(property, { seed: SEED, numRuns })
  } catch (error) {
    if (error instanceof Error) error.message += `\nReplay the whole run with: ${replayHint}`
    throw error
  }
}

/** Log output during property runs must stay empty: no capture needed, nothing to read. */
export const silentLogger = createLogger({ logLevel: 'SILENT' })

/** The real chain around a business function that records its input; counts every event sent. */
export const recordingHandler = (options: ChainOptions = {}) => {
  const { send } = recordChain({ logger: silentLogger, ...options })
  return (event: APIGatewayProxyEventV2): Promise<Outcome> => {
    stats.events++
    return send(event)
  }
}

const PROBE = '__fcPolluted'
const guarded = [Object.prototype, Array.prototype, Function.prototype, String.prototype]
const snapshot = () =>
  guarded.map((proto) =>
    Object.getOwnPropertyNames(proto).map((name) => [
      name,
      Object.getOwnPropertyDescriptor(proto, name),
    ]),
  )
const baseline = snapshot()

/** Hostile payloads try to set this key; it must never be readable from a plain object. */
export const POLLUTION_KEY = PROBE

export const assertPrototypesIntact = (): void => {
  assert.deepStrictEqual(snapshot(), baseline, 'a built-in prototype changed')
  assert.equal(Object.hasOwn(Object.prototype, PROBE), false)
  assert.equal(({} as Record<string, unknown>)[PROBE], undefined)
  assert.equal(Object.getPrototypeOf({}), Object.prototype)
}

const ALLOWED = new Set([200, 400, 413, 415])

/** Rules 1 and 6 on any outcome: a known status, JSON body, problem+json for every error. */
export const assertWellFormed = (outcome: Outcome, event: unknown): number => {
  const { response, context } = outcome
  assert.equal(typeof response, 'object')
  const { statusCode, headers, body } = response
  assert.ok(typeof statusCode === 'number' && ALLOWED.has(statusCode), `status ${statusCode}`)
  assert.equal(typeof body, 'string')
  assert.equal(headers?.['cache-control'], 'no-store')
  assert.equal(headers?.['x-content-type-options'], 'nosniff')
  const document: unknown = JSON.parse(body ?? '')
  if (statusCode === 200) {
    assert.match(String(headers?.['content-type']), /^application\/json(;|$)/)
    assert.deepStrictEqual(document, { message: 'ok' })
    assert.equal(outcome.called, true, 'a 200 without calling the business function')
    return statusCode
  }
  assert.equal(outcome.called, false, `business function ran for a ${statusCode}`)
  assert.equal(headers?.['content-type'], 'application/problem+json')
  const { requestContext } = Object(event) as Partial<APIGatewayProxyEventV2>
  const requestId = requestContext?.requestId ?? context.awsRequestId
  assert.deepStrictEqual(Object.keys(document as object).sort(), [
    'detail',
    'requestId',
    'status',
    'title',
    'type',
  ])
  assert.equal((document as { status: unknown }).status, statusCode)
  assert.equal((document as { requestId: unknown }).requestId, requestId)
  if (statusCode === 415) {
    // RFC 9110 §15.5.16: what would have been accepted, media types or content codings.
    const { detail } = document as { detail: string }
    if (detail.startsWith('Content-Encoding')) {
      assert.equal(headers?.['accept-encoding'], 'gzip, deflate, br')
    } else assert.match(String(headers?.['accept-post']), /application\/json/)
  }
  return statusCode
}
