// The examples' function blocks against their declarations, as they will be once a fork adds them
// the README way (their exposed headers: the packaged template in authorizer.test.ts).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { routeProblems } from '../../scripts/lib/route-check.ts'
import { exampleFunction, ORDERS_FUNCTION } from './examples.ts'

describe("the examples' routes", () => {
  it("agree with the README walkthrough's orders declaration", async () => {
    assert.deepEqual(await routeProblems([ORDERS_FUNCTION]), [])
  })

  it("agree with docs/auth-cors.md's whoami declaration", async () => {
    assert.deepEqual(await routeProblems([exampleFunction('whoami')]), [])
  })
})
