// The data bench's service: one read (GET) or write (POST) of an item through the Middy chain,
// with `#data`'s client and error answers, as an endpoint that keeps data has it.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { documents, dynamodbErrors, tableName } from '../../src/data/index.ts'
import { createHttpHandler } from '../../src/http/index.ts'

export const handler = createHttpHandler({
  auth: 'public',
  middlewares: [dynamodbErrors()],
  handler: async ({ event }) => {
    const Key = { pk: 'owner#bench', sk: 'item#1' }
    if (event.requestContext.http.method === 'GET') {
      const { Item } = await documents.send(new GetCommand({ TableName: tableName(), Key }))
      return { found: Item !== undefined }
    }
    await documents.send(new PutCommand({ TableName: tableName(), Item: { ...Key, n: 1 } }))
    return { stored: true }
  },
})
