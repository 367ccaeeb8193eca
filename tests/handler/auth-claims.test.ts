// What business code can do with a verified token's claims, and what a hostile token cannot do to
// them: a `__proto__` claim (serverless-offline hands the token's JSON over as parsed) lends no
// claim, and claims logged through the business logger come out redacted.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { requireAuth } from '../../src/http/auth.ts'
import { createHttpHandler } from '../../src/http/index.ts'
import { createLogger } from '../../src/lib/logger.ts'
import type { HttpEvent } from '../../src/lib/types.ts'
import { createContext } from '../fixtures/context.ts'
import { loadEvent } from '../fixtures/events.ts'
import { captureOutput } from '../helpers/output.ts'

const admitted: string[] = []
const endpoint = createHttpHandler({
  auth: requireAuth({ scopes: ['orders:write'] }),
  response: { status: 201 },
  logger: createLogger({ logLevel: 'INFO', serviceName: 'test' }),
  handler: ({ auth, logger }) => {
    admitted.push(auth.subject)
    logger.info('caller', { claims: auth.claims })
    logger.info('caller as a whole', { auth })
    return { ok: true }
  },
})

/** serverless-offline's event for these claims, given as the JSON text of the token's payload. */
const offlineEvent = (claimsJson: string): HttpEvent => {
  const event = loadEvent('orders-jwt-offline')
  Object.assign(event.requestContext, {
    authorizer: { lambda: {}, jwt: { claims: JSON.parse(claimsJson) } },
  })
  return event
}

const send = async (event: HttpEvent) => {
  const before = admitted.length
  const { result, lines, text } = await captureOutput(() => endpoint(event, createContext()))
  return { status: result.statusCode, lines, text, called: admitted.length > before }
}

describe('claims on an endpoint with auth', () => {
  it('refuses 401 a token whose only sub and scope sit inside __proto__', async () => {
    const { status, called } = await send(
      offlineEvent('{"__proto__":{"sub":"intruder","scope":"orders:write"},"iss":"x"}'),
    )
    assert.equal(status, 401)
    assert.equal(called, false)
  })

  it('refuses 403 a token whose only scope sits inside __proto__', async () => {
    const { status, called } = await send(
      offlineEvent('{"sub":"user-1","__proto__":{"scope":"orders:write","scp":["orders:write"]}}'),
    )
    assert.equal(status, 403)
    assert.equal(called, false)
  })

  it('admits a comma-separated scp string', async () => {
    const { status, called } = await send(
      offlineEvent('{"sub":"user-1","scp":"orders:read,orders:write"}'),
    )
    assert.equal(status, 201)
    assert.ok(called)
  })

  it('redacts auth.claims logged by the business function, alone or inside auth', async () => {
    const { status, lines, text } = await send(loadEvent('orders-jwt-offline'))
    assert.equal(status, 201)
    assert.equal(lines.find((line) => line.message === 'caller')?.claims, '[REDACTED]')
    // `auth` matches the redaction pattern (src/lib/logger.ts): the whole object goes.
    const whole = lines.find((line) => line.message === 'caller as a whole')?.auth
    assert.equal(whole, '[REDACTED]')
    // No claim value but the subject appears in any line.
    for (const value of ['ada@example.com', 'example-app-client-id', '3a26417c-c808-4246']) {
      assert.ok(!text.includes(value), value)
    }
  })
})
