import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { documents, dynamodbErrors, etagOf, tableName } from '#data'
import { createError, createHttpHandler } from '#http'
import { requireAuth } from '#http/auth'
import { Order, OrderPath, orderKey, toOrder } from './order-model.ts'

export const handler = createHttpHandler({
  auth: requireAuth({ scopes: ['orders:read'] }),
  request: { path: OrderPath },
  response: { body: Order },
  responses: { 200: { headers: { etag: 'Its version, for If-Match' } } },
  middlewares: [dynamodbErrors()],
  problems: [404, 503],
  handler: async ({ path, auth, respond }) => {
    const { Item } = await documents.send(
      new GetCommand({ TableName: tableName(), Key: orderKey(auth.subject, path.orderId) }),
    )
    // Someone else's order is not found either: it is under their key.
    if (!Item) throw createError(404, 'No such order')
    const order = toOrder(Item)
    return respond(200, order, { etag: etagOf(order.version) })
  },
})
