// The README example's order schema (examples/orders.ts) in Zod 4 Mini, the tree-shakable API.
import * as z from 'zod/mini'
import { createHttpHandler } from '#http'
import { acceptOrder } from './accept-order.ts'

const Order = z.object({
  email: z.email(),
  items: z
    .array(
      z.object({
        sku: z.string().check(z.regex(/^[A-Z]{3}-\d{4}$/)),
        quantity: z.number().check(z.int(), z.minimum(1), z.maximum(100)),
      }),
    )
    .check(z.minLength(1)),
  express: z._default(z.boolean(), false),
  note: z.optional(z.string().check(z.maxLength(500))),
  coupon: z.optional(z.string().check(z.length(8))),
})

export const handler = createHttpHandler({
  request: { accepts: ['json'], body: Order },
  response: { status: 201 },
  handler: ({ body }) => acceptOrder(body),
})
