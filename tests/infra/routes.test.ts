import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { routeProblems } from '../../scripts/lib/route-check.ts'
import { readServerlessConfig } from '../../scripts/lib/serverless-config.ts'

describe('routes and handler declarations', () => {
  it('agree for every function of serverless.yml', async () => {
    assert.deepEqual(await routeProblems(readServerlessConfig().functions), [])
  })
})
