// CORS is the gateway's job (provider.httpApi.cors); API Gateway ignores CORS headers an
// integration returns once CORS is configured, so a function sending them would only mislead
// whoever reads it. No response of any endpoint, success or problem, carries one.
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { before, describe, it } from 'node:test'
import { createContext } from '../fixtures/context.ts'
import { loadEvent } from '../fixtures/events.ts'
import type { HttpHandler } from '../../src/http/index.ts'
import { captureOutput } from '../helpers/output.ts'

const EVENTS = readdirSync(new URL('../../events/', import.meta.url))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length))
  .sort()

const handlers: Record<string, HttpHandler> = {}
before(async () => {
  handlers['POST /example'] = (await import('../../src/handlers/example.ts')).handler
  handlers['POST /orders'] = (await import('../../examples/orders.ts')).handler
})

describe('the function sends no Access-Control-* header', () => {
  for (const route of ['POST /example', 'POST /orders']) {
    for (const name of EVENTS) {
      it(`${route}, events/${name}.json`, async () => {
        const handler = handlers[route]
        assert.ok(handler)
        const { result } = await captureOutput(() => handler(loadEvent(name), createContext()))
        const cors = Object.keys(result.headers ?? {}).filter((header) =>
          header.toLowerCase().startsWith('access-control-'),
        )
        assert.deepEqual(cors, [], `status ${result.statusCode}`)
      })
    }
  }
})
