// The README walkthrough's endpoint refuses a body of many invalid items at a bounded cost: its
// schema checks the list's length before the items (tests/handler/bounded-validation.test.ts holds
// the same for each schema library).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createContext } from '../../tests/fixtures/context.ts'
import { buildEvent, ORDERS_WRITER } from '../../tests/fixtures/events.ts'
import { captureOutput } from '../../tests/helpers/output.ts'
import { hostileOrder, validationCost } from '../../tests/helpers/validation-cost.ts'

const ORDERS = new URL('../orders.ts', import.meta.url).href

describe('POST /orders with a 1 MiB body of invalid items', () => {
  it("is refused 422 with the list's length alone", async () => {
    const { handler } = await import(ORDERS)
    const event = buildEvent({
      contentType: 'application/json',
      jwt: ORDERS_WRITER,
      body: hostileOrder(),
    })
    const { result } = await captureOutput(() => handler(event, createContext()))
    assert.equal(result.statusCode, 422)
    assert.deepEqual(
      (JSON.parse(result.body ?? '{}') as { errors: { pointer: string }[] }).errors.map(
        ({ pointer }) => pointer,
      ),
      ['/items'],
    )
  })

  it('is validated in under 100 ms of CPU and 50 MiB of heap', async () => {
    const cost = await validationCost(ORDERS)
    assert.equal(cost.status, 422)
    assert.ok(cost.cpuMs < 100, `${cost.cpuMs} ms of CPU`)
    assert.ok(cost.heapMiB < 50, `${cost.heapMiB} MiB of heap`)
  })
})
