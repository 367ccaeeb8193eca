// The README example's order schema (examples/orders.ts) in Zod 4 (classic API), for the
// schema-library comparison in `npm run bench` and the cross-library validation tests.
import * as z from 'zod'
import { createHttpHandler } from '#http'
import { acceptOrder } from './accept-order.ts'

const Order = z.object({
  email: z.email(),
  items: z
    .array(
      z.object({
        sku: z.string().regex(/^[A-Z]{3}-\d{4}$/),
        quantity: z.number().int().min(1).max(100),
      }),
    )
    .min(1),
  express: z.boolean().default(false),
  note: z.string().max(500).optional(),
  coupon: z.string().length(8).optional(),
})

export const handler = createHttpHandler({
  request: { accepts: ['json'], body: Order },
  response: { status: 201 },
  handler: ({ body }) => acceptOrder(body),
})
