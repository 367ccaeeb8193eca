import { PutCommand } from '@aws-sdk/lib-dynamodb'
import * as v from 'valibot'
import { documents, dynamodbErrors, etagOf, tableName } from '#data'
import { idempotency } from '#data/idempotency'
import { createHttpHandler } from '#http'
import { requireAuth } from '#http/auth'
import { orderKey } from './order-model.ts'

const Item = v.object({
  sku: v.pipe(v.string(), v.regex(/^[A-Z]{3}-\d{4}$/)),
  quantity: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
})

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
  // orders:write, as the route's authorizer in serverless.yml requires too.
  auth: requireAuth({ scopes: ['orders:write'] }),
  // JSON only: a form body gets 415 (`accepts: ['json', 'form']` would take forms too).
  request: { body: Order },
  response: { status: 201, body: Accepted },
  responses: { 201: { headers: { location: 'URL of the new order', etag: 'Its version' } } },
  // Idempotency-Key: a retry gets the first answer (docs/data.md).
  middlewares: [idempotency(), dynamodbErrors()],
  problems: [409, 422, 503],
  // `body` is the schema's output: `body.express` is a boolean (defaulted), `body.items` typed.
  handler: async ({ body, auth, logger, respond }) => {
    const id = crypto.randomUUID()
    const units = body.items.reduce((sum, item) => sum + item.quantity, 0)
    // The owner is part of the key: only this subject will ever find the order.
    const Item = { ...orderKey(auth.subject, id), id, ...body, version: 1 }
    const ConditionExpression = 'attribute_not_exists(pk)'
    await documents.send(new PutCommand({ TableName: tableName(), Item, ConditionExpression }))
    logger.info('order accepted', { orderId: id, units, customer: auth.subject })
    const accepted = { id, lines: body.items.length, units, express: body.express }
    return respond(201, accepted, { location: `/orders/${id}`, etag: etagOf(1) })
  },
})
