import assert from 'node:assert/strict'
import { afterEach, describe, it } from 'node:test'
import type { Logger } from '@aws-lambda-powertools/logger'
import { createHttpHandler } from '../../src/http/create-http-handler.ts'
import { createLogger } from '../../src/lib/logger.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent, type EventInput, loadEvent } from '../fixtures/events.ts'
import { captureOutput } from '../helpers/output.ts'

const SECRETS = [
  'Bearer SECRET-TOKEN-abc',
  'SECRET-PROXY-def',
  'SECRET-COOKIE-xyz',
  'SECRET-APIKEY-123',
]
const BODY_MARKER = 'BODY-MARKER-7f3a'
const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const
const ORDER = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4, CRITICAL: 5 }

const secretEvent = (input: EventInput) => {
  const event = buildEvent({
    ...input,
    headers: {
      authorization: SECRETS[0] ?? '',
      'Proxy-Authorization': SECRETS[1] ?? '',
      cookie: `session=${SECRETS[2]}`,
      'x-api-key': SECRETS[3] ?? '',
      ...input.headers,
    },
    cookies: [`session=${SECRETS[2]}`, 'theme=dark'],
  })
  return event
}

const requests: [string, EventInput][] = [
  ['json', { body: `{"note":"${BODY_MARKER}"}`, contentType: 'application/json' }],
  [
    'form',
    { body: `note=${BODY_MARKER}`, base64: true, contentType: 'application/x-www-form-urlencoded' },
  ],
  ['malformed json', { body: `{"note":"${BODY_MARKER}"`, contentType: 'application/json' }],
  ['unsupported type', { body: BODY_MARKER, contentType: 'application/xml' }],
  ['failing business', { body: `{"fail":"${BODY_MARKER}"}`, contentType: 'application/json' }],
]

const handlerWith = (logger: Logger) =>
  createHttpHandler({
    auth: 'public',
    handler: ({ body }) => {
      if (typeof body === 'object' && body !== null && 'fail' in body) throw new Error('boom')
      return { message: 'ok' }
    },
    logger,
  })

const savedEnv = { ...process.env }
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key]
  Object.assign(process.env, savedEnv)
})

describe('logging', () => {
  for (const level of LEVELS) {
    for (const logEvent of ['true', 'false']) {
      it(`never logs a credential, and no body at INFO or above (level ${level}, LOG_EVENT=${logEvent})`, async () => {
        process.env.POWERTOOLS_LOGGER_LOG_EVENT = logEvent
        const handler = handlerWith(createLogger({ logLevel: level }))
        for (const [, input] of requests) {
          const { text, lines } = await captureOutput(() =>
            handler(secretEvent(input), createContext()),
          )
          for (const secret of SECRETS)
            assert.ok(!text.includes(secret), `${secret} leaked: ${text}`)
          for (const line of lines) {
            const rank = ORDER[line.level as keyof typeof ORDER]
            if (rank >= ORDER.INFO)
              assert.ok(!JSON.stringify(line).includes(BODY_MARKER), JSON.stringify(line))
          }
        }
      })
    }
  }

  it('logs the whole event, body included and secrets masked, at DEBUG', async () => {
    const handler = handlerWith(createLogger({ logLevel: 'DEBUG' }))
    const { lines } = await captureOutput(() =>
      handler(secretEvent(requests[0]?.[1] ?? {}), createContext()),
    )
    const eventLine = lines.find((line) => line.message === 'Lambda invocation event')
    assert.equal(eventLine?.level, 'DEBUG')
    const event = eventLine?.event as {
      body: string
      headers: Record<string, string>
      cookies: unknown
    }
    assert.equal(event.body, `{"note":"${BODY_MARKER}"}`)
    assert.equal(event.headers.authorization, '[REDACTED]')
    assert.equal(event.headers['Proxy-Authorization'], '[REDACTED]')
    assert.equal(event.cookies, '[REDACTED]')
    assert.equal(event.headers['user-agent'], 'curl/8.5.0')
  })

  it('logs the event without its body at INFO when POWERTOOLS_LOGGER_LOG_EVENT=true', async () => {
    process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true'
    const handler = handlerWith(createLogger({ logLevel: 'INFO' }))
    const { lines } = await captureOutput(() =>
      handler(secretEvent(requests[0]?.[1] ?? {}), createContext()),
    )
    const eventLine = lines.find((line) => line.message === 'Lambda invocation event')
    assert.equal(eventLine?.level, 'INFO')
    assert.equal((eventLine?.event as { body?: string } | undefined)?.body, '[omitted below DEBUG]')
  })

  it('writes one INFO summary per request, and every line carries the request and Lambda context', async () => {
    const handler = handlerWith(createLogger({ logLevel: 'DEBUG', serviceName: 'svc' }))
    for (const name of ['form-base64', 'json', 'json-malformed', 'no-content-type', 'empty-body']) {
      const event = loadEvent(name)
      const { lines } = await captureOutput(() => handler(event, createContext()))
      const summaries = lines.filter((line) => line.message === 'request completed')
      assert.equal(summaries.length, 1, name)
      assert.equal(summaries[0]?.level, 'INFO')
      const http = summaries[0]?.http as Record<string, unknown>
      assert.deepEqual(
        Object.keys(http).sort(),
        [
          'bodyBytes',
          'contentType',
          'durationMs',
          'method',
          'routeKey',
          'sourceIp',
          'status',
          'userAgent',
        ].filter((key) => key !== 'contentType' || event.headers['content-type'] !== undefined),
      )
      assert.equal(http.method, 'POST')
      assert.equal(http.sourceIp, '203.0.113.10')
      assert.equal(typeof http.durationMs, 'number')
      for (const line of lines) {
        assert.equal(line.correlation_id, event.requestContext.requestId, JSON.stringify(line))
        assert.equal(line.function_request_id, 'c6af9ac6-7b61-11e6-9a41-93e812345678')
        assert.equal(typeof line.cold_start, 'boolean')
        assert.equal(line.service, 'svc')
      }
    }
  })

  it('logs 4xx at WARN with the reason and 5xx at ERROR with the stack', async () => {
    const handler = handlerWith(createLogger({ logLevel: 'INFO' }))
    const bad = await captureOutput(() => handler(buildEvent(requests[2]?.[1]), createContext()))
    const warn = bad.lines.filter((line) => line.level === 'WARN')
    assert.equal(warn.length, 1)
    assert.equal(warn[0]?.reason, 'Invalid or malformed JSON was provided')
    assert.equal(warn[0]?.status, 400)
    const failed = await captureOutput(() => handler(buildEvent(requests[4]?.[1]), createContext()))
    const errors = failed.lines.filter((line) => line.level === 'ERROR')
    assert.equal(errors.length, 1)
    assert.match(String((errors[0]?.error as { stack?: string } | undefined)?.stack), /Error: boom/)
  })

  it('carries no key from one invocation into the next', async () => {
    const logger = createLogger({ logLevel: 'INFO' })
    let call = 0
    const handler = createHttpHandler({
      auth: 'public',
      handler: () => {
        call += 1
        if (call === 1) logger.appendKeys({ tenant: 'first-tenant' })
        return { message: 'ok' }
      },
      logger,
    })
    const first = await captureOutput(() =>
      handler(buildEvent({ requestId: 'r1' }), createContext()),
    )
    assert.equal(first.lines.at(-1)?.tenant, 'first-tenant')
    const second = await captureOutput(() =>
      handler(buildEvent({ requestId: 'r2' }), createContext()),
    )
    for (const line of second.lines) {
      assert.equal(line.tenant, undefined)
      assert.equal(line.correlation_id, 'r2')
    }
  })

  it('takes level, sampling and service name from the POWERTOOLS_* environment', async () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'ERROR'
    process.env.POWERTOOLS_SERVICE_NAME = 'from-env'
    const quiet = await captureOutput(() =>
      handlerWith(createLogger())(buildEvent(), createContext()),
    )
    assert.equal(quiet.lines.length, 0)
    process.env.POWERTOOLS_LOGGER_SAMPLE_RATE = '1'
    const sampled = handlerWith(createLogger())
    const { lines } = await captureOutput(async () => {
      await sampled(buildEvent(), createContext())
      return sampled(buildEvent(), createContext())
    })
    assert.ok(
      lines.some((line) => line.level === 'DEBUG'),
      JSON.stringify(lines),
    )
    assert.ok(lines.every((line) => line.service === 'from-env'))
  })
})
