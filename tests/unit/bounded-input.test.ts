import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type } from 'arktype'
import * as v from 'valibot'
import * as z from 'zod'
import { unboundedInput } from '../../scripts/lib/bounded-input.ts'
import { routeProblems } from '../../scripts/lib/route-check.ts'
import { functionsOf } from '../../scripts/lib/serverless-config.ts'

const Item = v.object({ sku: v.string() })
const ITEMS_FIRST =
  '/items is checked item by item before its length (Valibot: v.pipe(v.array(v.unknown()), v.maxLength(n), v.array(Item)))'

describe('unboundedInput', () => {
  it('accepts lists whose maximum is checked before their items, in each schema library', async () => {
    const bounded = [
      v.object({ items: v.pipe(v.array(v.unknown()), v.maxLength(100), v.array(Item)) }),
      z.object({ items: z.array(z.object({ sku: z.string() })).max(100) }),
      type({ items: type({ sku: 'string' }).array().atMostLength(100) }),
      v.object({
        tags: v.pipe(
          v.record(v.string(), v.unknown()),
          v.maxEntries(20),
          v.record(v.string(), v.string()),
        ),
      }),
    ]
    for (const schema of bounded) assert.deepEqual(await unboundedInput(schema), [])
  })

  it('names every list and record without a maximum, nested ones too', async () => {
    assert.deepEqual(
      await unboundedInput(
        v.object({
          items: v.array(Item),
          tags: v.record(v.string(), v.string()),
          nested: v.object({
            grid: v.pipe(v.array(v.unknown()), v.maxLength(3), v.array(v.array(v.number()))),
          }),
        }),
      ),
      [
        '/items is a list without a maximum length',
        '/tags is a record without a maximum number of keys',
        '/nested/grid/* is a list without a maximum length',
      ],
    )
    assert.deepEqual(await unboundedInput(z.object({ items: z.array(z.string()) })), [
      '/items is a list without a maximum length',
    ])
    assert.deepEqual(await unboundedInput(v.array(v.string())), [
      'the body is a list without a maximum length',
    ])
  })

  it('names a list whose maximum is only checked after every item (Valibot in one pipe)', async () => {
    const schema = v.object({ items: v.pipe(v.array(Item), v.maxLength(100)) })
    assert.deepEqual(await unboundedInput(schema), [ITEMS_FIRST])
  })

  it('fails the route check of an endpoint whose body list is unbounded', async () => {
    const functions = functionsOf({
      unboundedList: {
        handler: 'tests/fixtures/route-endpoints.unboundedList',
        events: [{ httpApi: 'POST /tags' }],
      },
    })
    assert.deepEqual(await routeProblems(functions), [
      'tests/fixtures/route-endpoints.ts (unboundedList, POST /tags): request body: /tags is a list without a maximum length (docs/endpoints.md#bounded-input)',
    ])
  })
})
