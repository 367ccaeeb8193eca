// The contract check as node:test suites, for any set of routed functions and their document:
// tests/openapi/ runs it over serverless.yml and openapi.json, examples/tests/ over its examples.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { FunctionConfig } from '../../scripts/lib/serverless-config.ts'
import { createContext } from '../fixtures/context.ts'
import { contractChecker, routeContracts } from './contract.ts'
import { invoke } from './invoke.ts'
import type { OpenApiDocument } from './openapi.ts'

/**
 * One suite per route of `functions`, one test per request the check builds for it. `todo` marks
 * the tests of the named functions as known gaps (node:test reports their failures as TODO).
 */
export async function describeContracts(
  title: string,
  root: string,
  functions: readonly FunctionConfig[],
  document: OpenApiDocument,
  todo: Readonly<Record<string, string>> = {},
): Promise<void> {
  const contracts = await routeContracts(root, functions, document)
  const check = contractChecker(document)
  describe(title, () => {
    for (const { fn, route, handler, cases, notBuilt } of contracts) {
      describe(`${route.routeKey} (${fn.module})`, () => {
        for (const { name, expect, claimsMayRefuse, event } of cases) {
          it(name, { todo: todo[fn.name] }, async (t) => {
            // A short deadline: a business function that waits on something unreachable answers
            // its documented 504 instead of holding the suite.
            const response = await invoke(handler, event, createContext({ remainingMs: 3000 }))
            const status = response.statusCode
            if (expect !== undefined && claimsMayRefuse && (status === 401 || status === 403)) {
              // An endpoint whose claims schema the check's token does not meet: only the
              // documentation of the refusal is checked.
              t.diagnostic(`the check's token was refused (${status})`)
            } else if (expect !== undefined) {
              assert.equal(
                status,
                expect,
                `${route.routeKey}: ${name}, but answered ${status}: ${response.body}`,
              )
            } else {
              t.diagnostic(`answered ${status}`)
            }
            check(route, response)
          })
        }
        if (notBuilt.length > 0) it.skip(`cannot build from openapi.json: ${notBuilt.join(', ')}`)
      })
    }
  })
}
