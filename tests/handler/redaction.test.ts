// Credentials sent by a client or carried by an error never reach a log line, at DEBUG (the whole
// event, body included) nor with logEvent at INFO (the event without its body). Each value is a
// marker that must not appear anywhere in the output.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { LogLevel } from '@aws-lambda-powertools/logger/types'
import { createHttpHandler } from '../../src/http/index.ts'
import { createLogger } from '../../src/lib/logger.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'
import { captureOutput } from '../helpers/output.ts'

const HEADERS = [
  'x-amz-security-token',
  'x-auth-token',
  'x-access-token',
  'x-csrf-token',
  'api-key',
  'x-hub-signature-256',
  'x-amzn-oidc-data',
]
const QUERY = ['access_token', 'code', 'id_token', 'X-Amz-Signature']
const marker = (name: string) => `MARKER-${name.replace(/\W/g, '')}-7f3a`

const event = () => {
  const built = buildEvent({
    headers: Object.fromEntries(HEADERS.map((name) => [name, marker(name)])),
  })
  built.queryStringParameters = Object.fromEntries(QUERY.map((name) => [name, marker(name)]))
  built.rawQueryString = QUERY.map((name) => `${name}=${marker(name)}`).join('&')
  return built
}

const run = async (logLevel: LogLevel, logEvent: boolean) => {
  // Powertools reads POWERTOOLS_LOGGER_LOG_EVENT when the logger is made.
  process.env.POWERTOOLS_LOGGER_LOG_EVENT = String(logEvent)
  const logger = createLogger({ logLevel, serviceName: 'test' })
  delete process.env.POWERTOOLS_LOGGER_LOG_EVENT
  const handler = createHttpHandler({
    auth: 'public',
    logger,
    handler: ({ logger: business }) => {
      business.info('calling upstream', { url: `https://ada:${marker('password')}@db.internal/x` })
      throw new Error(`connect https://svc:${marker('error')}@billing.internal failed`)
    },
  })
  return captureOutput(() => handler(event(), createContext()))
}

describe('redaction in the chain', () => {
  for (const [logLevel, logEvent] of [
    ['DEBUG', false],
    ['INFO', true],
  ] as const) {
    it(`keeps every credential header, query value and URL credential out (${logLevel}${logEvent ? ', logEvent' : ''})`, async () => {
      const { text, lines } = await run(logLevel, logEvent)
      assert.ok(
        lines.some(({ message }) => message === 'Lambda invocation event'),
        'the event was logged',
      )
      assert.ok(
        lines.some(({ level }) => level === 'ERROR'),
        'the error was logged',
      )
      assert.doesNotMatch(text, /MARKER-/)
    })
  }
})
