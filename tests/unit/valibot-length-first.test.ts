import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import * as v from 'valibot'
import { toJsonSchema } from '../../scripts/openapi/json-schema.ts'
import { lengthFirstAsOne } from '../../scripts/openapi/valibot-length-first.ts'

const Item = v.object({ sku: v.string() })

describe('lengthFirstAsOne', () => {
  it('documents a length-guarded list as one list of its items, with every bound', async () => {
    const guarded = v.object({
      items: v.pipe(v.array(v.unknown()), v.minLength(1), v.maxLength(100), v.array(Item)),
    })
    const plain = v.object({ items: v.pipe(v.array(Item), v.minLength(1), v.maxLength(100)) })
    for (const io of ['input', 'output'] as const) {
      assert.deepEqual(await toJsonSchema(guarded, io), await toJsonSchema(plain, io))
    }
  })

  it('documents a length-guarded record as one record of its values', async () => {
    const guarded = v.pipe(
      v.record(v.string(), v.unknown()),
      v.maxEntries(3),
      v.record(v.string(), v.number()),
    )
    const plain = v.pipe(v.record(v.string(), v.number()), v.maxEntries(3))
    assert.deepEqual(await toJsonSchema(guarded, 'input'), await toJsonSchema(plain, 'input'))
  })

  it('leaves other pipes, and schemas without a guard, as they are', () => {
    const coerced = v.pipe(v.string(), v.transform(Number), v.number())
    const schema = v.object({ n: coerced, list: v.array(Item) })
    assert.equal(lengthFirstAsOne(schema), schema)
  })
})
