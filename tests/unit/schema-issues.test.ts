import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { invalidFields, jsonPointer, safeDetail } from '../../src/lib/schema-issues.ts'

describe('jsonPointer', () => {
  it('joins path keys and path segments as an RFC 6901 pointer', () => {
    assert.equal(jsonPointer([{ key: 'items' }, 0, 'qty']), '/items/0/qty')
    assert.equal(jsonPointer(undefined), '')
    assert.equal(jsonPointer([]), '')
  })

  it('escapes ~ before / so that keys round-trip', () => {
    assert.equal(jsonPointer(['a/b', 'c~d', '~1']), '/a~1b/c~0d/~01')
  })
})

describe('safeDetail', () => {
  const cases: [string, string, unknown, string][] = [
    ['Valibot string', 'Invalid email: Received "hunter2@x"', 'hunter2@x', 'Invalid email'],
    [
      'Valibot expected/received',
      'Invalid format: Expected /^[0-9]+$/ but received "tok_123"',
      'tok_123',
      'Invalid format: Expected /^[0-9]+$/',
    ],
    [
      'Valibot number',
      'Invalid value: Expected <=10 but received 4711',
      4711,
      'Invalid value: Expected <=10',
    ],
    ['Valibot integer', 'Invalid integer: Received 3.5', 3.5, 'Invalid integer'],
    [
      'ArkType string',
      'email must be an email address (was "hunter2@x")',
      'hunter2@x',
      'email must be an email address',
    ],
    ['ArkType number', 'big must be at most 10 (was 4711)', 4711, 'big must be at most 10'],
    ['ArkType boolean', 'n must be a string (was true)', true, 'n must be a string'],
    [
      'Zod',
      'Invalid input: expected number, received string',
      'abc',
      'Invalid input: expected number, received string',
    ],
  ]
  for (const [name, message, value, expected] of cases) {
    it(`cuts the printed value off a ${name} message`, () => {
      assert.equal(safeDetail(message, value), expected)
    })
  }

  it('leaves a number that is part of the rule, not the printed value', () => {
    assert.equal(
      safeDetail('Too small: expected number to be >10', 10),
      'Too small: expected number to be >10',
    )
    assert.equal(safeDetail('must be at least 10', 0), 'must be at least 10')
  })

  it('keeps a message that merely shares a short word with the value', () => {
    assert.equal(safeDetail('Name already taken', 'taken'), 'Name already taken')
    assert.equal(safeDetail('Password was too short', 'pw'), 'Password was too short')
  })

  it('cuts a received value of any length, a coerced one and a list length too', () => {
    assert.equal(
      safeDetail('Invalid value: Expected >=1 but received 0', '0'),
      'Invalid value: Expected >=1',
    )
    assert.equal(
      safeDetail('Invalid type: Expected "a" but received "b"', 'b'),
      'Invalid type: Expected "a"',
    )
    assert.equal(safeDetail('n must be at most 10 (was 11)', 11), 'n must be at most 10')
    assert.equal(
      safeDetail('Invalid length: Expected <=100 but received 349521', []),
      'Invalid length: Expected <=100',
    )
    assert.equal(
      safeDetail('Invalid input: expected number, received string', 'string'),
      'Invalid input: expected number',
    )
  })

  it('falls back to a generic text when the value shows anywhere else', () => {
    assert.equal(safeDetail('"s3cr3t-token" is not allowed here', 's3cr3t-token'), 'Invalid value')
    assert.equal(safeDetail('value s3cr3t-token-long is bad', 's3cr3t-token-long'), 'Invalid value')
    assert.equal(safeDetail('Received "x"', 'x'), 'Invalid value')
  })

  it('passes messages about objects, arrays and missing values through', () => {
    assert.equal(
      safeDetail('Invalid type: Expected Object but received Array', []),
      'Invalid type: Expected Object but received Array',
    )
    assert.equal(
      safeDetail('Invalid key: Expected "a" but received undefined', undefined),
      'Invalid key: Expected "a" but received undefined',
    )
  })
})

describe('invalidFields', () => {
  const issues = [
    { message: 'Invalid email: Received "secret@x"', path: [{ key: 'email' }] },
    { message: 'Required', path: [{ key: 'limit' }, 'deep'] },
    { message: 'Unrecognized key', path: [] },
  ]

  it('points into the body with JSON Pointers, reading each value to keep it out', () => {
    assert.deepEqual(invalidFields(issues.slice(0, 1), 'body', { email: 'secret@x' }), [
      { pointer: '/email', detail: 'Invalid email' },
    ])
  })

  it('names query and path parameters by their first path key', () => {
    assert.deepEqual(invalidFields(issues.slice(1), 'query', {}), [
      { in: 'query', parameter: 'limit', detail: 'Required' },
      { in: 'query', detail: 'Unrecognized key' },
    ])
  })

  it('does not read inherited properties when looking a value up', () => {
    const [field] = invalidFields(
      [{ message: 'Bad "[object Object]"', path: ['toString'] }],
      'body',
      {},
    )
    assert.deepEqual(field, { pointer: '/toString', detail: 'Bad "[object Object]"' })
  })
})
