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

  it('reads an array value (VPC Lattice) by HTTP list rules: its lines joined with ", "', () => {
    assert.equal(
      getHeader({ 'content-type': ['application/json'] }, 'content-type'),
      'application/json',
    )
    assert.equal(getHeader({ 'Content-Encoding': ['gzip', 'br'] }, 'content-encoding'), 'gzip, br')
    assert.equal(getHeader({ 'content-type': ['a/b', 7, null, 'c/d'] }, 'content-type'), 'a/b, c/d')
  })

  it('treats a value that is neither a string nor a list of strings as absent', () => {
    for (const value of [42, 0, null, true, {}, [], [1, null], { 0: 'application/json' }]) {
      assert.equal(getHeader({ 'content-type': value }, 'content-type'), undefined, String(value))
      assert.equal(getHeader({ 'Content-Type': value }, 'content-type'), undefined, String(value))
    }
  })

  it('treats headers that are not an object as no headers', () => {
    for (const headers of ['content-type', 42, true, ['application/json']]) {
      assert.equal(getHeader(headers, 'content-type'), undefined, String(headers))
      assert.equal(getHeader(headers, '0'), undefined, String(headers))
    }
  })
})
