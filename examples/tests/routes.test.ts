// The examples' function blocks against their declarations and serverless.yml's CORS, as they
// will be once a fork adds them the README way.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { routeProblems } from '../../scripts/lib/route-check.ts'
import { readServerlessConfig } from '../../scripts/lib/serverless-config.ts'
import type { HttpHandler } from '../../src/http/index.ts'
import { exampleFunction, ORDERS_FUNCTION } from './examples.ts'

describe("the examples' routes", () => {
  it("agree with the README walkthrough's orders declaration", async () => {
    assert.deepEqual(await routeProblems([ORDERS_FUNCTION]), [])
  })

  it("agree with docs/auth-cors.md's whoami declaration", async () => {
    assert.deepEqual(await routeProblems([exampleFunction('whoami')]), [])
  })

  it('have every header they declare exposed by CORS', async () => {
    const cors = (readServerlessConfig().provider.httpApi ?? {}) as {
      cors?: { exposedResponseHeaders?: string[] }
    }
    const exposed = (cors.cors?.exposedResponseHeaders ?? []).map((name) => name.toLowerCase())
    const { handler } = (await import('../orders.ts')) as { handler: HttpHandler }
    for (const name of Object.keys(handler.endpoint.headers)) {
      assert.ok(exposed.includes(name.toLowerCase()), name)
    }
  })
})
