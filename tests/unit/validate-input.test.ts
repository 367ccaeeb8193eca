import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import * as v from 'valibot'
import { createValidator, type RequestParts } from '../../src/http/validate-input.ts'

const parts = (overrides: Partial<RequestParts> = {}): RequestParts => ({
  body: undefined,
  query: {},
  path: {},
  ...overrides,
})

const rejection = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (error) {
    return error as { statusCode: number; expose: boolean; message: string; errors: unknown[] }
  }
  return assert.fail('expected a rejection')
}

describe('createValidator', () => {
  it('makes no validation step for an endpoint without schemas', () => {
    assert.equal(createValidator({}), undefined)
    assert.equal(createValidator({ body: undefined }), undefined)
  })

  it('replaces each validated part with its schema output and leaves the others', async () => {
    const validate = createValidator({
      query: v.object({ n: v.pipe(v.string(), v.transform(Number)) }),
    })
    assert.ok(validate)
    const body = { untouched: true }
    assert.deepEqual(await validate(parts({ body, query: { n: '7' } })), {
      body,
      query: { n: 7 },
      path: {},
    })
  })

  it('runs every schema and reports path, query and body fields in one exposed 422', async () => {
    const validate = createValidator({
      path: v.object({ id: v.string() }),
      query: v.object({ n: v.string() }),
      body: v.object({ a: v.number() }),
    })
    assert.ok(validate)
    const error = await rejection(validate(parts({ body: {}, query: {}, path: {} })))
    assert.equal(error.statusCode, 422)
    assert.equal(error.expose, true)
    assert.equal(error.message, '3 fields failed validation')
    const where = (error.errors as { detail: string }[]).map(({ detail, ...rest }) => {
      assert.equal(typeof detail, 'string')
      return rest
    })
    assert.deepEqual(where, [
      { in: 'path', parameter: 'id' },
      { in: 'query', parameter: 'n' },
      { pointer: '/a' },
    ])
  })

  it('says "1 field" for a single one', async () => {
    const validate = createValidator({ body: v.number() })
    assert.ok(validate)
    assert.equal(
      (await rejection(validate(parts({ body: 'x' })))).message,
      '1 field failed validation',
    )
  })

  it('counts every issue but reads only the 50 it lists, across parts', async () => {
    // Each issue counts the reads of its message: the ones past the listed 50 must never be mapped.
    let read = 0
    const many = (n: number): StandardSchemaV1 => ({
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: () => ({
          issues: Array.from({ length: n }, (_, i) => ({
            path: [i],
            get message() {
              read++
              return 'Invalid'
            },
          })),
        }),
      },
    })
    const validate = createValidator({ query: many(30), body: many(500_000) })
    assert.ok(validate)
    const error = await rejection(validate(parts({ body: [] })))
    assert.equal(error.message, '500030 fields failed validation (the first 50 are listed)')
    assert.equal(error.errors.length, 50)
    assert.equal(read, 50)
  })
})
