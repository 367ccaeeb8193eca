// What a user sees on the command line: `serverless package` and `npm start` stop on a mistake
// before anything is built, and a service whose routes are all public packages with no params.
// Mistakes are made in a copy of the project with fixture endpoints, so the checks hold whatever
// endpoints serverless.yml declares.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { parse, parseDocument } from 'yaml'
import { startOffline } from '../../scripts/lib/offline.ts'
import { readServerlessConfig, stageParams } from '../../scripts/lib/serverless-config.ts'
import { describeRun, projectRoot, runSls, type SlsRun } from '../../scripts/lib/sls.ts'
import { paramArgs } from '../helpers/deploy-params.ts'
import { copyProject, type ProjectCopy } from '../helpers/project-copy.ts'

interface Resource {
  Type: string
  Properties: Record<string, unknown>
}

const config = readServerlessConfig()
const usesJwt = config.functions.some((fn) => fn.routes.some((r) => r.authorizer?.name === 'jwt'))
const STAGE = 'ci'

let outDir = ''
let resources: Record<string, Resource> = {}
let seedRun: SlsRun
const runs: Record<string, SlsRun> = {}
let startFailure = ''
const copies: ProjectCopy[] = []

/** A copy of the project with function blocks added to serverless.yml. */
const copyWith = async (label: string, functions: Record<string, unknown>): Promise<string> => {
  const copy = await copyProject(label)
  copies.push(copy)
  const file = path.join(copy.root, 'serverless.yml')
  const doc = parseDocument(await readFile(file, 'utf8'))
  for (const [name, block] of Object.entries(functions)) doc.setIn(['functions', name], block)
  await writeFile(file, doc.toString())
  return copy.root
}

const packageIn = (label: string, root: string | undefined, args: string[] = []) =>
  runSls(['package', '--stage', STAGE, '--package', path.join(outDir, label), ...args], {
    label: `guard-${label}`,
    timeoutMs: 120_000,
    ...(root ? { root } : {}),
  })

const output = (run: SlsRun | undefined): string => `${run?.stdout ?? ''}${run?.stderr ?? ''}`

before(
  async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'build-guard-'))
    const misnamed = await copyWith('guard-misnamed', {
      guardFixture: {
        handler: 'tests/fixtures/route-endpoints.misnamed',
        events: [{ httpApi: 'PUT /guard-fixture/{id}' }],
      },
    })
    const protectedRoot = await copyWith('guard-protected', {
      guardFixture: {
        handler: 'tests/fixtures/route-endpoints.protectedEndpoint',
        events: [
          {
            httpApi: {
              method: 'POST',
              path: '/guard-fixture',
              authorizer: { name: 'jwt', scopes: ['orders:write'] },
            },
          },
        ],
      },
    })
    const [seed, local, issuer, mismatch, unset, start] = await Promise.all([
      packageIn('seed', undefined, usesJwt ? paramArgs() : []),
      runSls(['package', '--stage', 'local'], { label: 'guard-local', timeoutMs: 60_000 }),
      // A fork's protected routes need the audience and, but for the issuer case, the issuer.
      packageIn('issuer', undefined, [
        '--param',
        'jwtIssuerUrl=not-a-url',
        '--param',
        'jwtAudience=my-api',
      ]),
      packageIn('mismatch', misnamed, usesJwt ? paramArgs() : []),
      packageIn('unset', protectedRoot),
      startOffline({ root: misnamed }).then(
        async (server) => {
          await server.stop()
          return 'started'
        },
        (error: Error) => error.message,
      ),
    ])
    seedRun = seed
    Object.assign(runs, { local, issuer, mismatch, unset })
    startFailure = start
    if (seed.code === 0) {
      const template = path.join(outDir, 'seed', 'cloudformation-template-update-stack.json')
      resources = JSON.parse(await readFile(template, 'utf8')).Resources
    }
  },
  { timeout: 240_000 },
)

after(async () => {
  await Promise.all(copies.map((copy) => copy.remove()))
  if (outDir) await rm(outDir, { recursive: true, force: true })
})

describe('serverless package of the service as it is', () => {
  it(`packages${usesJwt ? ' with the JWT params' : ' with no params: every route is public'}`, () => {
    assert.equal(seedRun.code, 0, describeRun(seedRun))
  })

  it('has a JWT authorizer exactly when a route uses it', () => {
    const authorizers = Object.values(resources).filter(
      (r) => r.Type === 'AWS::ApiGatewayV2::Authorizer',
    )
    assert.equal(authorizers.length, usesJwt ? 1 : 0)
  })

  it("reserves each function's own concurrency, or the stage's reservedConcurrency", () => {
    const fallback = stageParams(config, STAGE).reservedConcurrency
    const lambdas = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function')
    assert.equal(lambdas.length, config.functions.length)
    const written = parse(readFileSync(path.join(projectRoot, 'serverless.yml'), 'utf8')) as {
      functions: Record<string, { reservedConcurrency?: unknown }>
    }
    for (const fn of config.functions) {
      const lambda = lambdas.find((r) => String(r.Properties.FunctionName).endsWith(`-${fn.name}`))
      const reserved = lambda?.Properties.ReservedConcurrentExecutions
      const own = written.functions[fn.name]?.reservedConcurrency
      // A function's own value may be a ${…} variable: then only that it is set is known here.
      if (typeof own === 'string') assert.equal(typeof reserved, 'number', fn.name)
      else
        assert.equal(reserved, own ?? (fallback === 'none' ? undefined : Number(fallback)), fn.name)
    }
  })

  it('logs why API Gateway refused a request in the access log', () => {
    const stage = resources.HttpApiStage?.Properties.AccessLogSettings as { Format: string }
    const variables = Object.values(JSON.parse(stage.Format) as Record<string, string>)
    for (const variable of ['$context.authorizer.error', '$context.error.message']) {
      assert.ok(variables.includes(variable), variable)
    }
  })
})

describe('mistakes stop serverless package and npm start', () => {
  it('refuses to package stage local', () => {
    assert.equal(runs.local?.code, 1, describeRun(runs.local as SlsRun))
    assert.match(output(runs.local), /Stage 'local' is for npm start and npm run invoke only/)
  })

  it('refuses an issuer that is not an https:// URL', () => {
    assert.equal(runs.issuer?.code, 1, describeRun(runs.issuer as SlsRun))
    assert.match(output(runs.issuer), /param jwtIssuerUrl must be an https:\/\/ URL.*"not-a-url"/)
  })

  const mismatch =
    /tests\/fixtures\/route-endpoints\.ts \(guardFixture, PUT \/guard-fixture\/\{id\}\): path schema keys \[widgetId\] differ from the route's parameters \[id\]/

  it('stops packaging a route that disagrees with its handler, naming both', () => {
    assert.equal(runs.mismatch?.code, 1, describeRun(runs.mismatch as SlsRun))
    assert.match(output(runs.mismatch), mismatch)
    assert.doesNotMatch(output(runs.mismatch), /Service packaged/)
  })

  it('stops npm start on the same mistake before the server is ready', () => {
    assert.match(startFailure, /offline exited \(1\) before ready/)
    assert.match(startFailure, mismatch)
  })

  it('stops packaging a protected route whose issuer and audience are unset, saying where to set them', () => {
    assert.equal(runs.unset?.code, 1, describeRun(runs.unset as SlsRun))
    const text = output(runs.unset)
    // Every protected route is named; a fork may have more than this one.
    assert.match(text, /POST \/guard-fixture uses? the JWT authorizer 'jwt'/)
    assert.match(text, /no jwtIssuerUrl and jwtAudience/)
    assert.match(
      text,
      /params\.ci in serverless\.yml, or on the command line: --param jwtIssuerUrl=/,
    )
  })
})
