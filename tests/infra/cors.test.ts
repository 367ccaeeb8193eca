// CORS as serverless.yml declares it, per stage, against what the handlers declare: a browser
// script can read only the response headers listed as exposed, so every header an endpoint
// declares must be there; and no stage may send credentials to wildcard origins.
import assert from 'node:assert/strict'
import path from 'node:path'
import { describe, it } from 'node:test'
import { pathToFileURL } from 'node:url'
import {
  type FunctionConfig,
  readServerlessConfig,
  stageParams,
} from '../../scripts/lib/serverless-config.ts'
import { projectRoot } from '../../scripts/lib/sls.ts'
import type { HttpHandler } from '../../src/http/index.ts'
import { allowsOrigin, type CorsSettings, corsProblem } from '../helpers/cors.ts'

const config = readServerlessConfig()
const httpApi = (config.provider.httpApi ?? {}) as { cors?: CorsSettings }
const cors = httpApi.cors ?? {}
const lower = (names: unknown): string[] =>
  Array.isArray(names) ? names.map((name) => String(name).toLowerCase()) : []

/** `${param:x}` → the stage's value of x; anything else as written. */
const resolve = (value: unknown, params: Record<string, unknown>): unknown => {
  const match = typeof value === 'string' ? /^\$\{param:(\w+)\}$/.exec(value) : null
  return match?.[1] === undefined ? value : params[match[1]]
}

const paramRef = (name: string): string => `\${param:${name}}`

const STAGES = Object.keys(config.params).filter((stage) => stage !== 'default')

const declaredHeaders = async (fn: FunctionConfig): Promise<string[]> => {
  const module = (await import(pathToFileURL(path.join(projectRoot, fn.module)).href)) as Record<
    string,
    HttpHandler
  >
  const handler = module[fn.exportName]
  assert.ok(handler?.endpoint, `${fn.module} exports no createHttpHandler handler`)
  return Object.keys(handler.endpoint.headers)
}

describe('CORS in serverless.yml', () => {
  it('allows the Authorization and Content-Type request headers', () => {
    assert.deepEqual(lower(cors.allowedHeaders), ['authorization', 'content-type'])
  })

  it('exposes Location, x-custom-header and every header an endpoint declares', async () => {
    const exposed = lower(cors.exposedResponseHeaders)
    for (const name of ['location', 'x-custom-header']) assert.ok(exposed.includes(name), name)
    for (const fn of config.functions) {
      for (const name of await declaredHeaders(fn)) {
        assert.ok(
          exposed.includes(name.toLowerCase()),
          `${fn.module} declares the response header ${name}, which exposedResponseHeaders lacks`,
        )
      }
    }
  })

  it('takes origins and credentials from per-stage params', () => {
    assert.equal(cors.allowedOrigins, paramRef('corsAllowedOrigins'))
    assert.equal(cors.allowCredentials, paramRef('corsAllowCredentials'))
    assert.deepEqual(config.params.default?.corsAllowedOrigins, [])
    assert.equal(config.params.default?.corsAllowCredentials, false)
  })

  for (const stage of ['default', ...STAGES]) {
    it(`sends no credentials to a wildcard origin in stage ${stage}`, () => {
      const params = stageParams(config, stage)
      const problem = corsProblem(
        resolve(cors.allowedOrigins, params),
        resolve(cors.allowCredentials, params),
      )
      assert.equal(problem, undefined, `serverless.yml, params.${stage}: ${problem}`)
    })
  }
})

describe('the CORS rules the checks apply', () => {
  it('refuses credentials with `*` or a scheme wildcard, accepts them with listed origins', () => {
    assert.equal(corsProblem(['*'], true), 'allowCredentials with a wildcard origin (*)')
    assert.equal(
      corsProblem(['https://app.example.com', 'https://*'], true),
      'allowCredentials with a wildcard origin (https://*)',
    )
    assert.equal(corsProblem(['https://app.example.com'], true), undefined)
    assert.equal(corsProblem(['*'], false), undefined)
  })

  it('matches an origin exactly, or by `*` and scheme wildcards', () => {
    const listed = ['https://app.example.com']
    assert.equal(allowsOrigin(listed, 'https://app.example.com'), true)
    assert.equal(allowsOrigin(listed, 'https://evil.example'), false)
    assert.equal(allowsOrigin(listed, 'https://app.example.com.evil.example'), false)
    assert.equal(allowsOrigin(['https://*'], 'https://evil.example'), true)
    assert.equal(allowsOrigin(['https://*'], 'http://app.example.com'), false)
    assert.equal(allowsOrigin(['*'], 'null'), true)
  })
})
