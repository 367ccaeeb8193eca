// The README example's order schema (examples/orders.ts) in ArkType 2.
import { type } from 'arktype'
import { createHttpHandler } from '#http'
import { acceptOrder } from './accept-order.ts'

const Order = type({
  email: 'string.email',
  items: type({ sku: /^[A-Z]{3}-\d{4}$/, quantity: '1 <= number.integer <= 100' })
    .array()
    .atLeastLength(1),
  express: 'boolean = false',
  'note?': 'string <= 500',
  'coupon?': 'string == 8',
})

export const handler = createHttpHandler({
  request: { accepts: ['json'], body: Order },
  response: { status: 201 },
  handler: ({ body }) => acceptOrder(body),
})
