import * as v from 'valibot'
import { createHttpHandler } from '#http'
import { requireAuth } from '#http/auth'

const Item = v.object({
  sku: v.pipe(v.string(), v.regex(/^[A-Z]{3}-\d{4}$/)),
  quantity: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
})

// The body: its types, 422s and OpenAPI schema all come from this one definition.
const Order = v.object({
  email: v.pipe(v.string(), v.email()),
  // Bounded, the length checked before the items (docs/endpoints.md#bounded-input).
  items: v.pipe(v.array(v.unknown()), v.minLength(1), v.maxLength(100), v.array(Item)),
  express: v.optional(v.boolean(), false),
  note: v.optional(v.pipe(v.string(), v.maxLength(500))),
  coupon: v.optional(v.pipe(v.string(), v.length(8))),
})

const Accepted = v.object({
  id: v.string(),
  lines: v.number(),
  units: v.number(),
  express: v.boolean(),
})

export const handler = createHttpHandler({
  // A token granting orders:write, as the route's authorizer also requires.
  auth: requireAuth({ scopes: ['orders:write'] }),
  // JSON bodies only; `accepts: ['json', 'form']` would take forms too.
  request: { body: Order },
  response: { status: 201, body: Accepted },
  responses: { 201: { headers: { location: 'URL of the new order' } } },
  // `body` is the schema's output: `body.express` is a boolean (defaulted), `body.items` typed.
  handler: ({ body, auth, logger, respond }) => {
    const id = crypto.randomUUID()
    const units = body.items.reduce((sum, item) => sum + item.quantity, 0)
    // Tagged with correlation_id and Lambda context, like the chain's own lines.
    logger.info('order accepted', { orderId: id, units, customer: auth.subject })
    const accepted = { id, lines: body.items.length, units, express: body.express }
    // Status, body and headers for this request: the Location names the new order.
    return respond(201, accepted, { location: `/orders/${id}` })
  },
})
