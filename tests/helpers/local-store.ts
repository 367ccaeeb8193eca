// dynalite in this process with the service's table, made from the same shape as the deployed one
// (infra/data.cjs), for tests of what the database decides: conditional writes, idempotency,
// not-found. Call before anything imports src/data/client.ts: the client reads its endpoint once.

import type { Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb'

const require = createRequire(import.meta.url)
const data = require('../../infra/data.cjs') as {
  tableShape(name: string): CreateTableCommandInput
}
const dynalite = require('dynalite') as (options: Record<string, number>) => Server

export interface LocalStore {
  endpoint: string
  table: string
  close(): Promise<void>
}

/** Starts the store on a free loopback port, creates the table, points DATA_TABLE and the client at it. */
export async function startLocalStore(table = 'example-service-test-data'): Promise<LocalStore> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  })
  await client.send(new CreateTableCommand(data.tableShape(table)))
  client.destroy()
  process.env.DYNAMODB_ENDPOINT = endpoint
  process.env.DATA_TABLE = table
  return {
    endpoint,
    table,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
