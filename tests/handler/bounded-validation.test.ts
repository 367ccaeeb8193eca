// A body of many invalid items costs a bounded amount to refuse, with every schema library the
// chain is tested with: the schema checks the list's length before its items, and the 422 maps only
// the fields it lists. CPU and heap are measured in a child process (process.cpuUsage, not the
// clock); the bounds are the targets, far above what a bounded schema costs (~1 ms, < 1 MiB) and far
// below what an unbounded one does (seconds, hundreds of MiB).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { HttpHandler } from '../../src/http/index.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'
import { hostileOrder, validationCost } from '../helpers/validation-cost.ts'

const LIBRARIES = ['valibot', 'zod', 'zod-mini', 'arktype']
const fixture = (library: string) =>
  new URL(`../fixtures/schemas/${library}.ts`, import.meta.url).href

describe('a 1 MiB body of invalid list items', () => {
  for (const library of LIBRARIES) {
    it(`is refused 422 with the list's length alone (${library})`, async () => {
      const { handler } = (await import(fixture(library))) as { handler: HttpHandler }
      const event = buildEvent({ contentType: 'application/json', body: hostileOrder() })
      const response = await handler(event, createContext())
      assert.equal(response.statusCode, 422)
      const problem = JSON.parse(response.body ?? '{}') as { errors: { pointer: string }[] }
      assert.deepEqual(
        problem.errors.map(({ pointer }) => pointer),
        ['/items'],
      )
    })

    it(`is validated in under 100 ms of CPU and 50 MiB of heap (${library})`, async () => {
      const cost = await validationCost(fixture(library))
      assert.equal(cost.status, 422)
      assert.equal(cost.listed, 1)
      assert.ok(cost.cpuMs < 100, `${cost.cpuMs} ms of CPU`)
      assert.ok(cost.heapMiB < 50, `${cost.heapMiB} MiB of heap`)
    })
  }
})
