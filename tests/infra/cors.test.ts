// CORS as serverless.yml declares it, per stage, against what the routes declare: a browser may
// send only the allowed request headers, so what the routes need must be listed (more may be); no
// stage sends credentials to wildcard origins. The exposed response headers are the declared ones,
// added by the build guard (checked on the packaged template in tests/infra/package.test.ts).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { readServerlessConfig, stageParams } from '../../scripts/lib/serverless-config.ts'
import {
  allowsOrigin,
  type CorsSettings,
  corsProblem,
  withDeclaredHeaders,
} from '../helpers/cors.ts'

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

// Methods whose request body the chain ignores: a browser sends them without Content-Type.
const BODYLESS = ['GET', 'HEAD', 'DELETE', 'OPTIONS']

const STAGES = Object.keys(config.params).filter((stage) => stage !== 'default')

describe('CORS in serverless.yml', () => {
  // What the routes need, never a fixed list: a fork allows more (If-Match, …) and exposes more.
  it('allows Content-Type for routes that take a body and Authorization for routes with an authorizer', () => {
    const allowed = lower(cors.allowedHeaders)
    for (const fn of config.functions) {
      for (const route of fn.routes) {
        const needs = [
          ...(BODYLESS.includes(route.method) ? [] : ['Content-Type']),
          ...(route.authorizer ? ['Authorization'] : []),
        ]
        for (const name of needs) {
          assert.ok(
            allowed.includes(name.toLowerCase()),
            `${route.routeKey} (${fn.name}) needs the request header ${name}, which provider.httpApi.cors.allowedHeaders in serverless.yml lacks: add it there`,
          )
        }
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
  it('exposes the configured headers and then each declared one they lack, in any letter case', () => {
    assert.deepEqual(
      withDeclaredHeaders(
        ['Location', 'x-trace'],
        ['location', 'etag', 'X-Trace', 'ETag', 'x-own'],
      ),
      ['Location', 'x-trace', 'etag', 'x-own'],
    )
    assert.deepEqual(withDeclaredHeaders(undefined, ['x-custom-header']), ['x-custom-header'])
  })

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
