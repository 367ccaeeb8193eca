import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { getHeader } from '../../src/lib/headers.ts'

describe('getHeader', () => {
  it('returns the value of a header with exactly the requested name', () => {
    assert.equal(
      getHeader({ 'content-type': 'application/json' }, 'content-type'),
      'application/json',
    )
  })

  it('finds a header whatever the casing of its name in the event', () => {
    for (const name of ['Content-Type', 'CONTENT-TYPE', 'content-Type', 'cOnTeNt-TyPe']) {
      assert.equal(
        getHeader({ accept: '*/*', [name]: 'text/plain' }, 'content-type'),
        'text/plain',
        name,
      )
    }
  })

  it('prefers the exact lower-case name when several casings are present', () => {
    const headers = { 'Content-Type': 'text/plain', 'content-type': 'application/json' }
    assert.equal(getHeader(headers, 'content-type'), 'application/json')
  })

  it('returns undefined for a missing header', () => {
    assert.equal(getHeader({ accept: '*/*' }, 'content-type'), undefined)
    assert.equal(getHeader({}, 'content-type'), undefined)
  })

  it('returns undefined when there are no headers at all', () => {
    assert.equal(getHeader(null, 'content-type'), undefined)
    assert.equal(getHeader(undefined, 'content-type'), undefined)
  })

  it('returns an empty value as it is rather than as missing', () => {
    assert.equal(getHeader({ 'content-type': '' }, 'content-type'), '')
    assert.equal(getHeader({ 'Content-Type': '' }, 'content-type'), '')
  })

  it('does not match a header whose name only contains the requested one', () => {
    assert.equal(
      getHeader({ 'x-content-type': 'a', 'content-type-x': 'b' }, 'content-type'),
      undefined,
    )
  })

  it('finds the header when the requested name is not lower-case', () => {
    assert.equal(getHeader({ 'content-type': 'text/plain' }, 'Content-Type'), 'text/plain')
  })

  it('does not return inherited Object.prototype members as header values', () => {
    assert.equal(getHeader({}, 'constructor'), undefined)
    assert.equal(getHeader({}, '__proto__'), undefined)
  })
})
