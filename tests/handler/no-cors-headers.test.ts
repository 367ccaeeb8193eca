// CORS is the gateway's job (provider.httpApi.cors); API Gateway ignores CORS headers an
// integration returns once CORS is configured, so a function sending them would only mislead
// whoever reads it. No response of any endpoint, success or problem, carries one.
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { before, describe, it } from 'node:test'
import { loadHandler } from '../../scripts/lib/function-module.ts'
import { readServerlessConfig } from '../../scripts/lib/serverless-config.ts'
import type { HttpHandler } from '../../src/http/index.ts'
import { createContext } from '../fixtures/context.ts'
import { loadEvent } from '../fixtures/events.ts'
import { FIXTURE_FUNCTION } from '../helpers/invoke.ts'
import { captureOutput } from '../helpers/output.ts'

const EVENTS = readdirSync(new URL('../../events/', import.meta.url))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length))
  .sort()

// Every function of serverless.yml, and the fixture endpoint so that the check runs on a tree
// with none.
const FUNCTIONS = [...readServerlessConfig().functions, FIXTURE_FUNCTION]
const handlers: Record<string, HttpHandler> = {}
before(async () => {
  for (const fn of FUNCTIONS) {
    const handler = await loadHandler(fn)
    assert.ok(handler, `${fn.module} exports no ${fn.exportName} made by createHttpHandler`)
    handlers[fn.name] = handler
  }
})

describe('the function sends no Access-Control-* header', () => {
  for (const route of FUNCTIONS.map((fn) => fn.name)) {
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
