// The data bench's floor: the same read or write with the same SDK client (src/data/client.ts),
// and no chain: what the table costs by itself.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import type { APIGatewayProxyEventV2 } from 'aws-lambda'
import { documents, tableName } from '../../src/data/client.ts'

export const handler = async (event: APIGatewayProxyEventV2) => {
  const Key = { pk: 'owner#bench', sk: 'item#1' }
  if (event.requestContext.http.method === 'GET') {
    const { Item } = await documents.send(new GetCommand({ TableName: tableName(), Key }))
    return { statusCode: 200, body: JSON.stringify({ found: Item !== undefined }) }
  }
  await documents.send(new PutCommand({ TableName: tableName(), Item: { ...Key, n: 1 } }))
  return { statusCode: 200, body: JSON.stringify({ stored: true }) }
}
