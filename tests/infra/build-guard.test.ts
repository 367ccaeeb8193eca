// scripts/build-guard.ts driven the way osls drives it (constructed with the resolved service, its
// hooks called), on fixture functions: which commands it stops, with what message, and what it
// sets on the functions. The real CLI runs are in tests/integration/build-guard.test.ts.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import BuildGuard from '../../scripts/build-guard.ts'
import type { CorsSettings } from '../../scripts/lib/cors.ts'
import { projectRoot } from '../../scripts/lib/sls.ts'

class ServerlessError extends Error {}

type Fn = Record<string, unknown>

/** A fixture handler of tests/fixtures/route-endpoints.ts on one httpApi route. */
const fixture = (exportName: string, route: unknown): Fn => ({
  handler: `tests/fixtures/route-endpoints.${exportName}`,
  events: [{ httpApi: route }],
})

const guard = (
  functions: Record<string, Fn>,
  {
    stage = 'ci',
    cors = { allowedOrigins: [], allowCredentials: false } as CorsSettings,
    defaults = { reservedConcurrency: '50' } as Record<string, unknown>,
  } = {},
) => {
  const serverless = {
    serviceDir: projectRoot,
    service: {
      provider: { stage, httpApi: { cors } },
      functions,
      custom: { functionDefaults: defaults },
    },
    classes: { Error: ServerlessError },
  }
  return { plugin: new BuildGuard(serverless, { stage }), functions }
}

const run = (plugin: BuildGuard, hook: string): Promise<void> => {
  const fn = plugin.hooks[hook]
  assert.ok(fn, `no hook ${hook}`)
  return fn()
}

const HOOKS = {
  package: 'before:package:initialize',
  deploy: 'before:deploy:deploy',
  deployFunction: 'before:deploy:function:initialize',
  start: 'before:offline:start:init',
}

const stops = async (promise: Promise<void>, ...patterns: RegExp[]) => {
  await assert.rejects(promise, (error: Error) => {
    assert.ok(error instanceof ServerlessError, `not a ServerlessError: ${error.stack}`)
    for (const pattern of patterns) assert.match(error.message, pattern)
    return true
  })
}

describe('build-guard: routes and declarations', () => {
  const misnamed = { widgets: fixture('misnamed', 'PUT /widgets/{id}') }

  for (const [command, hook] of Object.entries(HOOKS)) {
    it(`stops ${command} naming file, function, route and what disagrees`, async () => {
      await stops(
        run(guard(misnamed).plugin, hook),
        /build-guard found 1 problem:/,
        /tests\/fixtures\/route-endpoints\.ts \(widgets, PUT \/widgets\/\{id\}\): path schema keys \[widgetId\] differ from the route's parameters \[id\]/,
        /Make serverless\.yml and the handlers agree/,
      )
    })
  }

  it('lists every problem, an auth disagreement among them', async () => {
    const functions = {
      widgets: fixture('misnamed', 'PUT /widgets/{id}'),
      orders: fixture('protectedEndpoint', 'POST /orders'),
    }
    await stops(
      run(guard(functions).plugin, HOOKS.package),
      /found 2 problems/,
      /\(orders, POST \/orders\): declares auth \(scopes \[orders:write\]\) but the route has no authorizer/,
    )
  })

  it('names the schema when the check cannot read a path schema as JSON Schema', async () => {
    const functions = {
      trimmed: {
        handler: 'tests/fixtures/unconvertible-endpoints.trimmedPath',
        events: [{ httpApi: 'GET /names/{id}' }],
      },
    }
    await stops(
      run(guard(functions).plugin, HOOKS.package),
      /tests\/fixtures\/unconvertible-endpoints\.ts \(trimmed, GET \/names\/\{id\}\): path schema: The "trim" action cannot be converted/,
      /do the rest in the business function/,
    )
  })

  it('says which handler module failed to load instead of checking nothing', async () => {
    const functions = {
      broken: {
        handler: 'tests/fixtures/throws-on-import.handler',
        events: [{ httpApi: 'GET /x' }],
      },
    }
    await stops(
      run(guard(functions).plugin, HOOKS.package),
      /could not check the routes: it imports every handler module/,
      /fixture: this module throws when imported/,
      /tests\/fixtures\/throws-on-import\.ts/,
    )
  })

  it('lets agreeing declarations through, checking once however many hooks fire', async () => {
    const { plugin } = guard({ widgets: fixture('byId', 'GET /widgets/{id}') })
    await run(plugin, 'before:offline:start')
    await run(plugin, HOOKS.start)
  })
})

describe('build-guard: stage local', () => {
  const functions = { widgets: fixture('byId', 'GET /widgets/{id}') }

  for (const command of ['package', 'deploy', 'deployFunction'] as const) {
    it(`refuses to ${command} stage local, saying what to run instead`, async () => {
      await stops(
        run(guard(functions, { stage: 'local' }).plugin, HOOKS[command]),
        /Stage 'local' is for npm start and npm run invoke only/,
        /serverless deploy --stage <stage>/,
      )
    })
  }

  it('serves stage local with npm start', async () => {
    await run(guard(functions, { stage: 'local' }).plugin, HOOKS.start)
  })
})

describe('build-guard: CORS with credentials', () => {
  const functions = { widgets: fixture('byId', 'GET /widgets/{id}') }
  const withOrigins = (allowedOrigins: string[]) => ({ allowedOrigins, allowCredentials: true })

  for (const origin of ['null', 'http://app.example.com', '*', 'https://*']) {
    it(`stops packaging and npm start for the origin ${origin}`, async () => {
      const cors = withOrigins(['https://app.example.com', origin])
      for (const hook of [HOOKS.package, HOOKS.start]) {
        await stops(
          run(guard(functions, { cors }).plugin, hook),
          /provider\.httpApi\.cors, params corsAllowedOrigins and corsAllowCredentials of stage ci/,
          new RegExp(`\\(${origin.replace(/[*.]/g, '\\$&')}\\)`),
        )
      }
    })
  }

  it('lets npm start, never a package, send credentials to http://localhost', async () => {
    const cors = withOrigins(['http://localhost:5173'])
    await run(guard(functions, { cors }).plugin, HOOKS.start)
    await stops(run(guard(functions, { cors }).plugin, HOOKS.package), /not an https:\/\/ site/)
  })

  it('accepts https:// sites with credentials, and any origin without', async () => {
    await run(
      guard(functions, { cors: withOrigins(['https://app.example.com']) }).plugin,
      HOOKS.package,
    )
    const open = { allowedOrigins: ['*', 'null', 'http://x.example'], allowCredentials: false }
    await run(guard(functions, { cors: open }).plugin, HOOKS.package)
  })
})

describe('build-guard: exposed response headers', () => {
  const functions = {
    things: fixture('withHeaders', 'POST /things'),
    widgets: fixture('byId', 'GET /widgets/{id}'),
  }

  for (const [command, hook] of [
    ['package', HOOKS.package],
    ['npm start', HOOKS.start],
  ] as const) {
    it(`exposes every header an endpoint declares for ${command}, after the listed ones`, async () => {
      const cors = { allowedOrigins: [], allowCredentials: false, exposedResponseHeaders: ['ETag'] }
      await run(guard(functions, { cors }).plugin, hook)
      assert.deepEqual(cors.exposedResponseHeaders, ['ETag', 'x-own', 'location'])
    })
  }
})

describe('build-guard: function defaults', () => {
  const functions = () => ({
    widgets: fixture('byId', 'GET /widgets/{id}'),
    orders: { ...fixture('publicEndpoint', 'POST /orders'), reservedConcurrency: 5 },
  })

  it('gives every function the default reservedConcurrency unless it sets its own', async () => {
    const g = guard(functions())
    await run(g.plugin, HOOKS.package)
    assert.equal(g.functions.widgets?.reservedConcurrency, 50)
    assert.equal(g.functions.orders?.reservedConcurrency, 5)
  })

  it('reserves nothing with "none"', async () => {
    const g = guard(functions(), { defaults: { reservedConcurrency: 'none' } })
    await run(g.plugin, HOOKS.package)
    assert.equal(g.functions.widgets?.reservedConcurrency, undefined)
    assert.equal(g.functions.orders?.reservedConcurrency, 5)
  })

  for (const value of ['0', '-1', '2.5', 'fifty', '']) {
    it(`stops on reservedConcurrency ${JSON.stringify(value)}`, async () => {
      const g = guard(functions(), { defaults: { reservedConcurrency: value } })
      await stops(
        run(g.plugin, HOOKS.package),
        /param reservedConcurrency must be a whole number ≥ 1 or "none"/,
      )
    })
  }

  it('stops on a default it does not know how to apply', async () => {
    const g = guard(functions(), { defaults: { memorySize: 512 } })
    await stops(run(g.plugin, HOOKS.package), /custom\.functionDefaults\.memorySize/)
  })

  it('applies nothing for npm start', async () => {
    const g = guard(functions())
    await run(g.plugin, HOOKS.start)
    assert.equal(g.functions.widgets?.reservedConcurrency, undefined)
  })
})
