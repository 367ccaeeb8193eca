// What openapi.json says each route answers is what its function answers: every function that
// serverless.yml routes is invoked in-process with the requests its declaration and the document
// let a check build (refusals the chain decides alone, and a request its schemas accept), and each
// answer must be documented for that operation: status, media type, headers, body schema.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { readServerlessConfig } from '../../scripts/lib/serverless-config.ts'
import { projectRoot } from '../../scripts/lib/sls.ts'
import { OPENAPI_FILE } from '../../scripts/openapi/document.ts'
import { createContext } from '../fixtures/context.ts'
import { contractChecker, routeContracts } from '../helpers/contract.ts'
import { invoke } from '../helpers/invoke.ts'
import type { OpenApiDocument } from '../helpers/openapi.ts'

const document = JSON.parse(
  readFileSync(path.join(projectRoot, OPENAPI_FILE), 'utf8'),
) as OpenApiDocument
const contracts = await routeContracts(projectRoot, readServerlessConfig().functions, document)
const check = contractChecker(document)

describe('each routed function answers what openapi.json documents', () => {
  for (const { fn, route, handler, cases, notBuilt } of contracts) {
    describe(`${route.routeKey} (${fn.module})`, () => {
      for (const { name, expect, authorized, event } of cases) {
        it(name, async (t) => {
          // A short deadline: a business function that waits on something unreachable answers
          // its documented 504 instead of holding the suite.
          const response = await invoke(handler, event, createContext({ remainingMs: 3000 }))
          const refusedToken = authorized && [401, 403].includes(response.statusCode ?? 0)
          if (expect !== undefined && refusedToken && expect !== response.statusCode) {
            // An endpoint whose claims schema the check's token does not meet: only the
            // documentation of the refusal is checked.
            t.diagnostic(`the check's token was refused (${response.statusCode})`)
          } else if (expect !== undefined) {
            assert.equal(
              response.statusCode,
              expect,
              `${route.routeKey}: ${name}, but answered ${response.statusCode}: ${response.body}`,
            )
          }
          check(route, response)
        })
      }
      if (notBuilt.length > 0) it.skip(`cannot build from openapi.json: ${notBuilt.join(', ')}`)
    })
  }
})
