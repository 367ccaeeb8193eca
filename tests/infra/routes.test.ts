import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { routeProblems } from '../../scripts/lib/route-check.ts'
import { readServerlessConfig } from '../../scripts/lib/serverless-config.ts'
import { exampleFunction, ORDERS_FUNCTION } from '../helpers/examples.ts'

describe('routes and handler declarations', () => {
  it('agree for every function of serverless.yml', async () => {
    assert.deepEqual(await routeProblems(readServerlessConfig().functions), [])
  })

  it("agree for the README walkthrough's orders function", async () => {
    assert.deepEqual(await routeProblems([ORDERS_FUNCTION]), [])
  })

  it("agree for docs/auth-cors.md's whoami function", async () => {
    assert.deepEqual(await routeProblems([exampleFunction('whoami')]), [])
  })
})
