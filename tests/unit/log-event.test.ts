import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { LogLevel } from '@aws-lambda-powertools/logger/types'
import { createLogger } from '../../src/lib/logger.ts'
import { logEvent } from '../../src/middleware/log-event.ts'
import { buildEvent, type EventInput } from '../fixtures/events.ts'
import { middyRequest } from '../helpers/middy-request.ts'
import { captureOutput } from '../helpers/output.ts'

const BODY = '{"card":"4111-1111-1111-1111"}'
const SECRET_HEADERS = {
  authorization: 'Bearer secret-1',
  cookie: 'sid=secret-2',
  'x-api-key': 'secret-3',
  'proxy-authorization': 'Basic secret-4',
}
const input: EventInput = {
  body: BODY,
  contentType: 'application/json',
  headers: SECRET_HEADERS,
  cookies: ['sid=secret-5'],
  requestId: 'req-log-event',
}

const run = async (logLevel: LogLevel, option?: boolean, eventInput = input) => {
  const logger = createLogger({ logLevel, serviceName: 'test' })
  const middleware =
    option === undefined ? logEvent({ logger }) : logEvent({ logger, logEvent: option })
  const request = middyRequest(buildEvent(eventInput))
  const captured = await captureOutput(() => middleware.before?.(request))
  return { ...captured, request }
}

const eventOf = (line: Record<string, unknown> | undefined) => {
  assert.ok(line)
  assert.equal(line.message, 'Lambda invocation event')
  return line.event as Record<string, unknown>
}

describe('logEvent', () => {
  for (const level of ['DEBUG', 'TRACE'] as const) {
    it(`logs the whole event, body included, at ${level}`, async () => {
      const { lines } = await run(level)
      assert.equal(lines.length, 1)
      assert.equal(lines[0]?.level, 'DEBUG')
      const event = eventOf(lines[0])
      assert.equal(event.body, BODY)
      assert.equal(event.routeKey, 'POST /example')
      assert.equal((event.requestContext as { requestId: string }).requestId, 'req-log-event')
    })
  }

  for (const level of ['INFO', 'WARN', 'ERROR'] as const) {
    it(`logs nothing at ${level} by default`, async () => {
      const { text } = await run(level)
      assert.equal(text, '')
    })
  }

  it('logs the event without its body at INFO when the logEvent option is true', async () => {
    const { lines, text } = await run('INFO', true)
    assert.equal(lines.length, 1)
    assert.equal(lines[0]?.level, 'INFO')
    const event = eventOf(lines[0])
    assert.equal(event.body, '[omitted below DEBUG]')
    assert.equal(event.rawPath, '/example')
    assert.doesNotMatch(text, /4111/)
  })

  it('omits the body of a base64 event at INFO too', async () => {
    const { text } = await run('INFO', true, { ...input, base64: true })
    assert.doesNotMatch(text, /4111/)
    assert.doesNotMatch(text, new RegExp(Buffer.from(BODY).toString('base64').slice(0, 16)))
  })

  it('leaves out the body key when the event has no body', async () => {
    const { lines } = await run('INFO', true, { ...input, body: undefined })
    assert.equal(Object.hasOwn(eventOf(lines[0]), 'body'), false)
  })

  it('logs nothing at INFO when the logEvent option is false', async () => {
    const { text } = await run('INFO', false)
    assert.equal(text, '')
  })

  it('logs nothing when the logger is silent, even with logEvent', async () => {
    assert.equal((await run('SILENT', true)).text, '')
  })

  it('does not change the event it logs', async () => {
    const { request } = await run('INFO', true)
    assert.equal(request.event.body, BODY)
    assert.equal(request.event.headers.authorization, SECRET_HEADERS.authorization)
  })

  for (const [level, option] of [
    ['DEBUG', undefined],
    ['INFO', true],
  ] as const) {
    it(`masks credential headers and cookies at ${level}`, async () => {
      const { lines, text } = await run(level, option)
      const event = eventOf(lines[0])
      const headers = event.headers as Record<string, unknown>
      for (const name of Object.keys(SECRET_HEADERS))
        assert.equal(headers[name], '[REDACTED]', name)
      assert.equal(event.cookies, '[REDACTED]')
      assert.equal(headers['content-type'], 'application/json')
      assert.doesNotMatch(text, /secret-/)
    })
  }

  for (const [level, option] of [
    ['DEBUG', undefined],
    ['INFO', true],
  ] as const) {
    it(`says nothing about cookies at ${level} when the request sent none`, async () => {
      const { cookies: _, ...withoutCookies } = input
      for (const event of [
        buildEvent(withoutCookies),
        // serverless-offline and hand-written events carry the key with no value.
        { ...buildEvent(withoutCookies), cookies: undefined },
      ]) {
        const logger = createLogger({ logLevel: level, serviceName: 'test' })
        const middleware = logEvent({ logger, logEvent: option ?? false })
        const { lines, text } = await captureOutput(() => middleware.before?.(middyRequest(event)))
        assert.equal(Object.hasOwn(eventOf(lines[0]), 'cookies'), false, text)
        assert.doesNotMatch(text, /"cookies"/)
      }
    })
  }

  it('follows POWERTOOLS_LOGGER_LOG_EVENT when no option is given', async () => {
    const saved = process.env.POWERTOOLS_LOGGER_LOG_EVENT
    try {
      process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true'
      const on = await run('INFO')
      assert.equal(on.lines.length, 1)
      assert.equal(eventOf(on.lines[0]).body, '[omitted below DEBUG]')
      process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'false'
      assert.equal((await run('INFO')).text, '')
    } finally {
      if (saved === undefined) delete process.env.POWERTOOLS_LOGGER_LOG_EVENT
      else process.env.POWERTOOLS_LOGGER_LOG_EVENT = saved
    }
  })

  it('lets an explicit logEvent: false win over POWERTOOLS_LOGGER_LOG_EVENT=true', async () => {
    const saved = process.env.POWERTOOLS_LOGGER_LOG_EVENT
    try {
      process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true'
      assert.equal((await run('INFO', false)).text, '')
    } finally {
      if (saved === undefined) delete process.env.POWERTOOLS_LOGGER_LOG_EVENT
      else process.env.POWERTOOLS_LOGGER_LOG_EVENT = saved
    }
  })
})
