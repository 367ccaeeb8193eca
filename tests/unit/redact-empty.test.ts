// A request that sent no cookies must not log `"cookies":"[REDACTED]"`: serverless-offline puts an
// empty `cookies` list in every event, and a redacted empty value reads as if a secret was there.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { REDACTED, redactSecrets } from '../../src/lib/logger.ts'

describe('redactSecrets on empty values', () => {
  it('leaves an empty cookies list and an empty header value as they are', () => {
    assert.deepEqual(redactSecrets('cookies', []), [])
    assert.equal(redactSecrets('cookie', ''), '')
    assert.equal(JSON.stringify({ cookies: [] }, redactSecrets), '{"cookies":[]}')
  })

  it('still redacts a list holding one empty cookie, and a blank value', () => {
    assert.equal(redactSecrets('cookies', ['']), REDACTED)
    assert.equal(redactSecrets('authorization', ' '), REDACTED)
  })
})
