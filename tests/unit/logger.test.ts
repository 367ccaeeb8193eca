import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { LogLevel } from '@aws-lambda-powertools/logger/types'
import { createLogger, REDACTED, redactSecrets } from '../../src/lib/logger.ts'
import { buildEvent } from '../fixtures/events.ts'
import { captureOutput } from '../helpers/output.ts'

const SECRETS = {
  authorization: 'Bearer secret-token-1',
  Cookie: 'session=secret-cookie-2',
  'x-api-key': 'secret-key-3',
  'proxy-authorization': 'Basic secret-proxy-4',
}
const COOKIES = ['session=secret-cookie-5', 'theme=secret-cookie-6']
const LEAK = /secret-/

describe('redactSecrets', () => {
  it('replaces the value of every credential key, whatever its casing', () => {
    for (const key of [
      'authorization',
      'Authorization',
      'PROXY-AUTHORIZATION',
      'Cookie',
      'cookies',
      'Set-Cookie',
      'X-Api-Key',
    ]) {
      assert.equal(redactSecrets(key, 'secret'), REDACTED, key)
      assert.equal(redactSecrets(key, ['a', 'b']), REDACTED, key)
      assert.equal(redactSecrets(key, { nested: 'x' }), REDACTED, key)
    }
  })

  it('leaves a credential key that holds nothing as it is, so a line shows only what was sent', () => {
    assert.equal(redactSecrets('cookies', undefined), undefined)
    assert.equal(redactSecrets('authorization', undefined), undefined)
    assert.equal(redactSecrets('cookie', null), null)
  })

  it('redacts keys by pattern: tokens, secrets, signatures, keys, sessions, CSRF, passwords', () => {
    for (const key of [
      'x-amz-security-token',
      'x-auth-token',
      'x-access-token',
      'x-csrf-token',
      'api-key',
      'apikey',
      'x-hub-signature-256',
      'x-amzn-oidc-data',
      'x-amzn-oidc-identity',
      'client_secret',
      'password',
      'sessionId',
      'access_token',
      'code',
      'X-Amz-Signature',
      'X-Amz-Credential',
      'rawQueryString',
      'jwt',
      'claims',
    ]) {
      assert.equal(redactSecrets(key, 'secret'), REDACTED, key)
    }
  })

  it('leaves other keys and the root value untouched', () => {
    const root = { authorization: 'x' }
    assert.equal(redactSecrets('', root), root)
    for (const key of ['content-type', 'sub', 'routeKey', 'encoding', 'postcode', '0']) {
      assert.equal(redactSecrets(key, 'value'), 'value', key)
    }
  })

  it("cuts a URL's credentials out of any string, an error message too", () => {
    assert.equal(
      redactSecrets('message', 'GET https://ada:s3cret@db.internal:5432/x failed; retry //tok@h'),
      `GET https://${REDACTED}@db.internal:5432/x failed; retry //${REDACTED}@h`,
    )
    assert.equal(redactSecrets('email', 'ada@example.com'), 'ada@example.com')
    assert.equal(redactSecrets('0', 'see https://example.com/a@b'), 'see https://example.com/a@b')
  })

  it('judges every key alike however many distinct keys came before, each time it is seen', () => {
    for (let i = 0; i < 3000; i++) redactSecrets(`field${i}`, 'value')
    for (let round = 0; round < 2; round++) {
      for (const key of ['x-auth-token-3000', 'Password3000', 'code']) {
        assert.equal(redactSecrets(key, 'secret'), REDACTED, key)
      }
      assert.equal(redactSecrets('field3000', 'value'), 'value')
    }
  })
})

describe('createLogger', () => {
  const log = async (
    write: (logger: ReturnType<typeof createLogger>) => void,
    logLevel: LogLevel = 'DEBUG',
  ) => {
    const logger = createLogger({ logLevel, serviceName: 'test' })
    return captureOutput(() => write(logger))
  }

  it('masks credential headers and cookies in a log line, showing only [REDACTED]', async () => {
    const { text, lines } = await log((logger) =>
      logger.info('headers', { headers: SECRETS, cookies: COOKIES }),
    )
    assert.equal(lines.length, 1)
    assert.deepEqual(lines[0]?.headers, {
      authorization: REDACTED,
      Cookie: REDACTED,
      'x-api-key': REDACTED,
      'proxy-authorization': REDACTED,
    })
    assert.equal(lines[0]?.cookies, REDACTED)
    assert.doesNotMatch(text, LEAK)
  })

  it('masks them at any depth and at every level', async () => {
    const event = buildEvent({
      headers: SECRETS,
      cookies: COOKIES,
      body: '{}',
      contentType: 'application/json',
    })
    const { text, lines } = await log((logger) => {
      logger.debug('event', { event })
      logger.info('nested', { a: [{ b: { headers: SECRETS } }] })
      logger.warn('warn', { request: { cookies: COOKIES } })
      logger.error('error', { event, error: new Error('boom') })
    })
    assert.equal(lines.length, 4)
    assert.doesNotMatch(text, LEAK)
    assert.match(text, /"content-type":"application\/json"/)
  })

  it('masks keys added with appendKeys and in child loggers', async () => {
    const { text, lines } = await log((logger) => {
      logger.appendKeys({ headers: { authorization: SECRETS.authorization } })
      logger.info('appended')
      logger.createChild({ serviceName: 'child' }).info('child', { cookies: COOKIES })
    })
    assert.equal(lines.length, 2)
    assert.equal(lines[1]?.service, 'child')
    assert.doesNotMatch(text, LEAK)
  })

  it('masks credentials carried by an error object', async () => {
    const error = Object.assign(new Error('upstream said no'), { headers: SECRETS })
    const { text } = await log((logger) => logger.error('failed', { error }))
    assert.match(text, /upstream said no/)
    assert.doesNotMatch(text, LEAK)
  })

  it('cannot have redaction replaced through its options', async () => {
    const logger = createLogger({
      logLevel: 'INFO',
      serviceName: 'test',
      jsonReplacerFn: (_k, v) => v,
    })
    const { text } = await captureOutput(() => logger.info('x', { headers: SECRETS }))
    assert.doesNotMatch(text, LEAK)
  })

  it('writes only JSON lines carrying level, message and service', async () => {
    const { lines } = await log((logger) => logger.info('hello', { n: 1 }))
    assert.equal(lines[0]?.level, 'INFO')
    assert.equal(lines[0]?.message, 'hello')
    assert.equal(lines[0]?.service, 'test')
    assert.equal(lines[0]?.n, 1)
  })

  it('honours the log level', async () => {
    const { lines } = await log((logger) => {
      logger.debug('hidden')
      logger.info('hidden too')
      logger.warn('shown')
    }, 'WARN')
    assert.deepEqual(
      lines.map((line) => line.message),
      ['shown'],
    )
  })

  it('takes the level from POWERTOOLS_LOG_LEVEL when none is given', async () => {
    const saved = process.env.POWERTOOLS_LOG_LEVEL
    process.env.POWERTOOLS_LOG_LEVEL = 'ERROR'
    try {
      const logger = createLogger({ serviceName: 'test' })
      assert.equal(logger.getLevelName(), 'ERROR')
    } finally {
      if (saved === undefined) delete process.env.POWERTOOLS_LOG_LEVEL
      else process.env.POWERTOOLS_LOG_LEVEL = saved
    }
  })
})
