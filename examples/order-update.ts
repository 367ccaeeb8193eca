import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import * as v from 'valibot'
import { documents, dynamodbErrors, etagOf, tableName, versionOf } from '#data'
import { createError, createHttpHandler } from '#http'
import { requireAuth } from '#http/auth'
import { Order, OrderPath, orderKey, toOrder } from './order-model.ts'

const Changes = v.object({
  express: v.optional(v.boolean()),
  note: v.optional(v.pipe(v.string(), v.maxLength(500))),
})

export const handler = createHttpHandler({
  auth: requireAuth({ scopes: ['orders:write'] }),
  request: { body: Changes, path: OrderPath },
  response: { body: Order },
  responses: { 200: { headers: { etag: 'Its version, for If-Match' } } },
  middlewares: [dynamodbErrors()],
  problems: [404, 412, 428, 503],
  handler: async ({ body, path, auth, event, respond }) => {
    const ifMatch = event.headers['if-match']
    if (ifMatch === undefined) throw createError(428, 'Send If-Match with the ETag you read')
    const fields = Object.entries(body).filter(([, value]) => value !== undefined)
    const key = orderKey(auth.subject, path.orderId)
    try {
      // Written only if the version is still the one the client read: of two concurrent
      // updates one wins, the other gets 412 and reads again. None is lost.
      const { Attributes } = await documents.send(
        new UpdateCommand({
          TableName: tableName(),
          Key: key,
          UpdateExpression: `SET ${['#version = #version + :one', ...fields.map(([k]) => `#${k} = :${k}`)].join(', ')}`,
          ConditionExpression: '#version = :read',
          ExpressionAttributeNames: {
            '#version': 'version',
            ...Object.fromEntries(fields.map(([k]) => [`#${k}`, k])),
          },
          ExpressionAttributeValues: {
            ':one': 1,
            ':read': versionOf(ifMatch) ?? -1,
            ...Object.fromEntries(fields.map(([k, value]) => [`:${k}`, value])),
          },
          ReturnValues: 'ALL_NEW',
        }),
      )
      const order = toOrder(Attributes ?? {})
      return respond(200, order, { etag: etagOf(order.version) })
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error
      // Stale if the order exists under this owner's key, else not found (never someone else's).
      const { Item } = await documents.send(new GetCommand({ TableName: tableName(), Key: key }))
      throw Item ? createError(412, 'The order has changed') : createError(404, 'No such order')
    }
  },
})
