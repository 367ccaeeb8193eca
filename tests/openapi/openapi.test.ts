// openapi.json: committed, current, valid OpenAPI 3.1, and complete: every function with an
// httpApi route in serverless.yml, with every response the chain can give.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { before, describe, it } from 'node:test'
import { Validator } from '@seriousme/openapi-schema-validator'
import { readServerlessConfig } from '../../scripts/lib/serverless-config.ts'
import { projectRoot } from '../../scripts/lib/sls.ts'
import { buildOpenApi, OPENAPI_FILE, serialize } from '../../scripts/openapi/document.ts'
import type { OpenApiDocument } from '../helpers/openapi.ts'

const committed = readFileSync(path.join(projectRoot, OPENAPI_FILE), 'utf8')
const document = JSON.parse(committed) as OpenApiDocument
const operations = Object.entries(document.paths).flatMap(([routePath, item]) =>
  Object.entries(item).map(([method, operation]) => ({
    routeKey: `${method.toUpperCase()} ${routePath}`,
    operation,
  })),
)
const PROBLEM = { $ref: '#/components/schemas/ProblemDetails' }

describe('openapi.json', () => {
  let generated = ''
  before(async () => {
    generated = serialize(await buildOpenApi())
  })

  it('is what `npm run openapi` writes today (run it and commit when this fails)', () => {
    assert.equal(committed, generated)
  })

  it('is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    const validator = new Validator()
    const result = await validator.validate(JSON.parse(committed) as Record<string, unknown>)
    assert.deepEqual(result.errors, undefined)
    assert.equal(result.valid, true)
    assert.equal(validator.version, '3.1')
    assert.doesNotThrow(() => validator.resolveRefs())
  })

  it('describes exactly the httpApi routes of serverless.yml', () => {
    const routes = readServerlessConfig().functions.flatMap((fn) =>
      fn.routes.map((r) => r.routeKey),
    )
    assert.deepEqual(operations.map((o) => o.routeKey).sort(), routes.sort())
  })

  it('gives every operation 400, 413, 415, 500 and 504 problems on one ProblemDetails schema', () => {
    for (const { routeKey, operation } of operations) {
      const statuses = Object.keys(operation.responses).filter((s) => Number(s) >= 400)
      // Bodies of GET, HEAD and DELETE are ignored: no 413 or 415 for them.
      const bodyless = /^(GET|HEAD|DELETE) /.test(routeKey)
      for (const status of bodyless ? ['400', '500', '504'] : ['400', '413', '415', '500', '504']) {
        assert.ok(statuses.includes(status), `${routeKey} lacks ${status}`)
      }
      for (const status of statuses) {
        const schema = operation.responses[status]?.content?.['application/problem+json']?.schema
        assert.deepEqual(
          schema?.allOf,
          [
            PROBLEM,
            {
              properties: { status: { const: Number(status) } },
              ...(status === '422' ? { required: ['errors'] } : {}),
            },
          ],
          `${routeKey} ${status}`,
        )
      }
    }
  })
})
