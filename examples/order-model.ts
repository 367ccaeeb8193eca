import * as v from 'valibot'
import { ownedKey } from '#data'

// An order as the API shows it; the stored item has its key (`pk`, `sk`) besides.
export const Order = v.object({
  id: v.string(),
  email: v.string(),
  items: v.array(v.object({ sku: v.string(), quantity: v.number() })),
  express: v.boolean(),
  note: v.optional(v.string()),
  version: v.number(),
})
export type Order = v.InferOutput<typeof Order>

/** The caller's order `id`: another subject's key, so their orders are never found. */
export const orderKey = (owner: string, id: string) => ownedKey(owner, 'order', id)

export const OrderPath = v.object({ orderId: v.pipe(v.string(), v.uuid()) })

/** The API's view of a stored item: only the order's own fields, never the key. */
export const toOrder = (item: Record<string, unknown>): Order => v.parse(Order, item)
