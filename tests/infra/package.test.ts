// Packages the service once (no AWS credentials) and checks the generated CloudFormation and zips:
// what would be deployed, not what the YAML says. Functions, routes, artifacts and log groups are
// derived from serverless.yml, so a function added the README way is checked like /example; the
// figures the README and docs/infrastructure.md promise are asserted exactly.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { build } from 'esbuild'
import esbuildConfig from '../../esbuild.config.cjs'
import { loadHandler } from '../../scripts/lib/function-module.ts'
import { type FunctionConfig, readServerlessConfig } from '../../scripts/lib/serverless-config.ts'
import { describeRun, projectRoot, runSls } from '../../scripts/lib/sls.ts'
import { responseHeaderNames } from '../../scripts/openapi/document.ts'
import { paramArgs } from '../helpers/deploy-params.ts'
import { DEPLOYED_ENVIRONMENT } from '../helpers/deployed-environment.ts'
import { readZip, type ZipEntry } from '../helpers/zip.ts'

interface Resource {
  Type: string
  Properties: Record<string, unknown>
}
interface Statement {
  Effect: string
  Action: string[]
  Resource: unknown[]
}

const execFileAsync = promisify(execFile)
const STAGE = 'ci'
const config = readServerlessConfig()
const SERVICE = config.service
// The README's promises, exact: log retention and route throttling. Timeout, memory, environment
// and role are provider defaults a function may override, so they are checked as rules.
const INTEGRATION_TIMEOUT_MS = 30_000
const provider = config.provider as { timeout?: number; memorySize?: number }
// What osls deploys when neither the function nor `provider` sets one.
const OSLS_TIMEOUT_S = 6
const OSLS_MEMORY_MB = 1024
const FUNCTION_LOG_DAYS = 7
const ACCESS_LOG_DAYS = 90
const DEFAULT_ROUTE = {
  DetailedMetricsEnabled: false,
  ThrottlingBurstLimit: 200,
  ThrottlingRateLimit: 100,
}
// The access-log variables every consumer of the log relies on; the format may add more, never fewer.
const ACCESS_LOG_VARIABLES = [
  ...['stage', 'integrationErrorMessage', 'identity.sourceIp', 'identity.caller', 'identity.user'],
  ...['requestTime', 'httpMethod', 'resourcePath', 'protocol', 'status', 'responseLength'],
  ...['requestId', 'extendedRequestId'],
].map((name) => `$context.${name}`)

let outDir = ''
let templatePath = ''
let resources: Record<string, Resource> = {}
let state: { service: { provider: { stage: string; region: string } } }
const zips = new Map<string, { entries: ZipEntry[]; size: number }>()

const fullName = (fn: FunctionConfig) => `${SERVICE}-${STAGE}-${fn.name}`
const bundleOf = (fn: FunctionConfig) => fn.module.replace(/\.ts$/, '.cjs')

function resource(id: string, type: string): Resource {
  const found = resources[id]
  assert.ok(found, `resource ${id} missing; have ${Object.keys(resources).join(', ')}`)
  assert.equal(found.Type, type)
  return found
}

function ofType(type: string): [string, Resource][] {
  return Object.entries(resources).filter(([, r]) => r.Type === type)
}

/** The function's resource, found by its deployed name rather than osls's logical id scheme. */
function lambda(fn: FunctionConfig): [string, Record<string, unknown>] {
  const found = ofType('AWS::Lambda::Function').find(
    ([, r]) => r.Properties.FunctionName === fullName(fn),
  )
  assert.ok(found, `no AWS::Lambda::Function named ${fullName(fn)}`)
  return [found[0], found[1].Properties]
}

function stage(): Record<string, unknown> {
  return resource('HttpApiStage', 'AWS::ApiGatewayV2::Stage').Properties
}

function zipOf(fn: FunctionConfig) {
  const [, props] = lambda(fn)
  const key = (props.Code as { S3Key: string }).S3Key
  const zip = zips.get(path.basename(key))
  assert.ok(zip, `artifact ${key} of ${fn.name} was not packaged`)
  return zip
}

function bundleText(fn: FunctionConfig): string {
  const entry = zipOf(fn).entries.find((e) => e.name === bundleOf(fn))
  assert.ok(entry, `${bundleOf(fn)} missing from the zip of ${fn.name}`)
  return entry.read().toString('utf8')
}

before(
  async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'example-service-package-'))
    const pkg = await runSls(['package', '--stage', STAGE, '--package', outDir, ...paramArgs()], {
      label: 'package',
      timeoutMs: 120_000,
    })
    assert.equal(pkg.code, 0, describeRun(pkg))
    templatePath = path.join(outDir, 'cloudformation-template-update-stack.json')
    resources = JSON.parse(await readFile(templatePath, 'utf8')).Resources
    state = JSON.parse(await readFile(path.join(outDir, 'serverless-state.json'), 'utf8'))
    for (const fn of config.functions) {
      const name = `${fn.name}.zip`
      const zip = await readFile(path.join(outDir, name))
      zips.set(name, { entries: readZip(zip), size: zip.length })
    }
  },
  { timeout: 180_000 },
)

after(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true })
})

describe('serverless package: stage and region', () => {
  it('takes the stage from --stage and defaults the region to eu-central-1', () => {
    assert.equal(state.service.provider.stage, STAGE)
    assert.equal(state.service.provider.region, 'eu-central-1')
  })

  it('deploys exactly the functions serverless.yml lists', () => {
    const names = ofType('AWS::Lambda::Function').map(([, r]) => r.Properties.FunctionName)
    assert.deepEqual(names.sort(), config.functions.map(fullName).sort())
  })
})

describe('serverless package: HTTP API', () => {
  it('routes every httpApi event of serverless.yml to its function with payload format 2.0', () => {
    const expected = config.functions.flatMap((fn) => fn.routes.map((r) => [r.routeKey, fn]))
    const routes = ofType('AWS::ApiGatewayV2::Route')
    assert.deepEqual(
      routes.map(([, r]) => r.Properties.RouteKey).sort(),
      expected.map(([key]) => key).sort(),
    )
    for (const [routeKey, fn] of expected as [string, FunctionConfig][]) {
      const route = routes.find(([, r]) => r.Properties.RouteKey === routeKey)?.[1]
      const target = route?.Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] }
      const integrationId = target['Fn::Join'][1][1].Ref
      const integration = resource(integrationId, 'AWS::ApiGatewayV2::Integration').Properties
      assert.equal(integration.IntegrationType, 'AWS_PROXY')
      assert.equal(integration.PayloadFormatVersion, '2.0')
      assert.deepEqual(integration.IntegrationUri, { 'Fn::GetAtt': [lambda(fn)[0], 'Arn'] })
    }
  })

  // The alarms (tests/infra/alarms.test.ts) read the same timeout: 80 % of it is the p99 alarm.
  it(`times every function out as serverless.yml says, under the ${INTEGRATION_TIMEOUT_MS} ms integration timeout`, () => {
    for (const fn of config.functions) {
      const timeout = lambda(fn)[1].Timeout
      assert.equal(timeout, fn.timeout ?? provider.timeout ?? OSLS_TIMEOUT_S, `${fn.name}: Timeout`)
      assert.ok(
        Number(timeout) * 1000 < INTEGRATION_TIMEOUT_MS,
        `${fn.name} times out at ${timeout} s, so API Gateway answers 503 first and the function's timeout is never logged: set functions.${fn.name}.timeout (or provider.timeout) in serverless.yml below ${INTEGRATION_TIMEOUT_MS / 1000}`,
      )
    }
    const integrations = ofType('AWS::ApiGatewayV2::Integration')
    assert.equal(integrations.length, config.functions.filter((fn) => fn.routes.length).length)
    for (const [id, integration] of integrations) {
      assert.equal(integration.Properties.TimeoutInMillis, INTEGRATION_TIMEOUT_MS, id)
    }
  })

  it('keeps the body limit, base64-encoded, under Lambda 6 MB and HTTP API 10 MB payloads', () => {
    for (const fn of config.functions) {
      const { Variables } = lambda(fn)[1].Environment as { Variables: Record<string, string> }
      const limit = Number(Variables.BODY_LIMIT_BYTES)
      // Form and untyped bodies arrive base64-encoded: 4/3 of the bytes, plus the event around them.
      const eventBytes = Math.ceil(limit / 3) * 4 + 64 * 1024
      assert.ok(
        eventBytes < 6 * 1024 * 1024,
        `a ${limit}-byte body makes a ${eventBytes}-byte event`,
      )
      assert.ok(limit > 0 && limit < 10 * 1024 * 1024)
    }
  })

  it('writes JSON access logs with every required field to their own log group', () => {
    const settings = stage().AccessLogSettings as { DestinationArn: unknown; Format: string }
    assert.deepEqual(settings.DestinationArn, { 'Fn::GetAtt': ['HttpApiLogGroup', 'Arn'] })
    const format = JSON.parse(settings.Format) as Record<string, string>
    const variables = Object.values(format)
    for (const variable of ACCESS_LOG_VARIABLES) {
      assert.ok(variables.includes(variable), `access log format lacks ${variable}`)
    }
  })

  it(`keeps access logs ${ACCESS_LOG_DAYS} days and every function's logs ${FUNCTION_LOG_DAYS} days`, () => {
    const access = resource('HttpApiLogGroup', 'AWS::Logs::LogGroup').Properties
    assert.equal(access.RetentionInDays, ACCESS_LOG_DAYS)
    const groups = ofType('AWS::Logs::LogGroup').filter(([id]) => id !== 'HttpApiLogGroup')
    assert.deepEqual(
      groups.map(([, g]) => g.Properties.LogGroupName).sort(),
      config.functions.map((fn) => `/aws/lambda/${fullName(fn)}`).sort(),
    )
    for (const [id, group] of groups) {
      assert.equal(group.Properties.RetentionInDays, FUNCTION_LOG_DAYS, id)
    }
  })

  it('throttles unlisted routes at burst 200 / rate 100 and listed routes as serverless.yml says', () => {
    assert.deepEqual(stage().DefaultRouteSettings, DEFAULT_ROUTE)
    const extensions = config.resources.extensions as {
      HttpApiStage: { Properties: { RouteSettings?: object } }
    }
    // An empty RouteSettings (YAML null, once /example's entry is deleted) is left out.
    const listed = extensions.HttpApiStage.Properties.RouteSettings ?? undefined
    assert.deepEqual(stage().RouteSettings, listed)
  })

  it('lists only existing routes in RouteSettings (a typo would silently throttle nothing)', () => {
    const routeKeys = new Set(
      ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey),
    )
    for (const key of Object.keys((stage().RouteSettings as object | undefined) ?? {})) {
      assert.ok(routeKeys.has(key), `RouteSettings names '${key}', which is not a route`)
    }
  })
})

describe('serverless package: functions', () => {
  it('runs every bundled handler on nodejs24.x arm64 with the memory serverless.yml gives it', () => {
    for (const fn of config.functions) {
      const props = lambda(fn)[1]
      assert.equal(props.Runtime, 'nodejs24.x')
      assert.deepEqual(props.Architectures, ['arm64'])
      assert.equal(
        props.MemorySize,
        fn.memorySize ?? provider.memorySize ?? OSLS_MEMORY_MB,
        `${fn.name}: MemorySize`,
      )
      assert.equal(props.Handler, fn.handler)
    }
  })

  // A function may add variables of its own (`environment:` in its block) and set one of these
  // for itself; every other one is the deployed stage's.
  it('configures Powertools, the body limit and the timeout margin through the environment', () => {
    for (const fn of config.functions) {
      const { Variables } = lambda(fn)[1].Environment as { Variables: Record<string, string> }
      for (const [name, value] of Object.entries(DEPLOYED_ENVIRONMENT)) {
        if (fn.environment && name in fn.environment) continue
        assert.equal(
          Variables[name],
          value,
          `${fn.name}: ${name} is ${Variables[name]}, not the stage's ${value} (provider.environment in serverless.yml; a function sets its own under functions.${fn.name}.environment)`,
        )
      }
      // A function that declares `data:` also gets the table's name (infra/data.cjs).
      if (fn.data)
        assert.ok(Variables.DATA_TABLE, `${fn.name} declares data: but has no DATA_TABLE`)
    }
  })

  it('lets each function write its own logs, and grants no action on everything', () => {
    const roles = ofType('AWS::IAM::Role')
    for (const fn of config.functions) {
      const role = lambda(fn)[1].Role as { 'Fn::GetAtt'?: [string, string] }
      const id = role['Fn::GetAtt']?.[0] ?? ''
      assert.ok(
        roles.some(([roleId]) => roleId === id),
        `${fn.name}: its role ${JSON.stringify(role)} is not in the template`,
      )
    }
    for (const [id, { Properties: role }] of roles) {
      const trust = role.AssumeRolePolicyDocument as { Statement: Record<string, unknown>[] }
      assert.deepEqual(trust.Statement, [
        {
          Effect: 'Allow',
          Principal: { Service: ['lambda.amazonaws.com'] },
          Action: ['sts:AssumeRole'],
        },
      ])
      const policies = (role.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]
      const statements = policies.flatMap((p) => p.PolicyDocument.Statement)
      const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value])
      for (const statement of statements) {
        const actions = list(statement.Action).map(String)
        const targets = list(statement.Resource).map(
          (target) => (target as { 'Fn::Sub'?: string })['Fn::Sub'] ?? String(target),
        )
        const where = `${id}: ${JSON.stringify(statement)} (provider.iam.role.statements in serverless.yml)`
        assert.ok(!actions.includes('*'), `${where} allows every action: name the ones it needs`)
        if (targets.includes('*')) {
          assert.ok(
            !actions.some((action) => action.endsWith(':*')),
            `${where} allows a whole service on every resource: name the actions and the resources`,
          )
        }
        // osls's own grant: logs of this service's functions only.
        if (actions.every((action) => action.startsWith('logs:'))) {
          for (const arn of targets) {
            assert.ok(
              arn.includes(`:log-group:/aws/lambda/${SERVICE}-${STAGE}`),
              `${where}: ${arn} is not this service's log group`,
            )
          }
        }
      }
      const actions = statements.flatMap((s) => list(s.Action).map(String))
      assert.ok(
        actions.includes('logs:CreateLogStream') && actions.includes('logs:PutLogEvents'),
        `${id} cannot write the function's logs`,
      )
    }
  })
})

describe('serverless package: deployment zips', () => {
  it('gives each function its own zip holding only its CommonJS bundle and source map', () => {
    assert.equal(zips.size, config.functions.length)
    for (const fn of config.functions) {
      const { entries } = zipOf(fn)
      assert.deepEqual(entries.map((e) => e.name).sort(), [bundleOf(fn), `${bundleOf(fn)}.map`])
    }
  })

  it('ships source maps that name the sources without carrying them (no sourcesContent)', () => {
    for (const fn of config.functions) {
      const entry = zipOf(fn).entries.find((e) => e.name === `${bundleOf(fn)}.map`)
      assert.ok(entry, `${bundleOf(fn)}.map missing from the zip of ${fn.name}`)
      const map = JSON.parse(entry.read().toString('utf8')) as Record<string, unknown>
      assert.equal(map.version, 3)
      assert.ok(Array.isArray(map.sources), `${fn.name}: map without sources`)
      assert.ok(
        map.sources.some((source) => String(source).endsWith(fn.module)),
        fn.name,
      )
      assert.equal(map.sourcesContent, undefined, `${fn.name}: the map ships the sources`)
    }
  })

  it('bundles every dependency except the AWS SDK and stays small', () => {
    const builtins = new Set(builtinModules)
    for (const fn of config.functions) {
      const code = bundleText(fn)
      const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1] ?? '')
      const foreign = required.filter((id) => !id.startsWith('node:') && !builtins.has(id))
      assert.deepEqual(
        foreign.filter((id) => !id.startsWith('@aws-sdk/')),
        [],
        `${fn.name}: only Node built-ins (and the runtime-provided AWS SDK) may stay external`,
      )
      assert.ok(!code.includes('@smithy/'), 'AWS SDK code must not be bundled')
      assert.ok(code.startsWith('"use strict"'), 'expected minified CommonJS output')
      assert.ok(code.length > 10_000, `bundle suspiciously small (${code.length} B)`)
      assert.ok(zipOf(fn).size < 1024 * 1024, `zip of ${fn.name} is ${zipOf(fn).size} B`)
    }
  })

  it('builds every function with exactly the options in esbuild.config.cjs', async () => {
    for (const fn of config.functions) {
      const result = await build({
        ...esbuildConfig.esbuildOptions(),
        entryPoints: [fn.module],
        outdir: path.join(outDir, 'rebuild', path.dirname(fn.module)),
        absWorkingDir: projectRoot,
        write: false,
        logLevel: 'silent',
      })
      const rebuilt = result.outputFiles.find((f) => f.path.endsWith(path.basename(bundleOf(fn))))
      assert.ok(rebuilt, `esbuild produced no ${bundleOf(fn)}`)
      assert.equal(rebuilt.text, bundleText(fn), fn.name)
    }
  })
})

describe('serverless package: CORS', () => {
  // The build guard adds each declared header to exposedResponseHeaders; a browser script reads
  // no other (but the CORS-safelisted ones).
  it('exposes every response header an endpoint declares to browser scripts', async () => {
    const [[, api] = []] = ofType('AWS::ApiGatewayV2::Api')
    const cors = api?.Properties.CorsConfiguration as { ExposeHeaders?: string[] } | undefined
    const exposed = (cors?.ExposeHeaders ?? []).map((name) => name.toLowerCase())
    for (const fn of config.functions.filter((f) => f.routes.length > 0)) {
      const handler = await loadHandler(fn)
      assert.ok(handler, `${fn.module} exports no ${fn.exportName} made by createHttpHandler`)
      for (const name of responseHeaderNames(handler.endpoint)) {
        assert.ok(
          exposed.includes(name),
          `${fn.module} (${fn.name}) declares the response header ${name}, which the packaged API does not expose (ExposeHeaders: ${exposed.join(', ')})`,
        )
      }
    }
  })
})

describe('serverless package: CloudFormation lint', () => {
  it('passes cfn-lint without errors', async (t) => {
    try {
      await execFileAsync('cfn-lint', ['--non-zero-exit-code', 'error', templatePath], {
        timeout: 120_000,
      })
    } catch (error) {
      const e = error as NodeJS.ErrnoException & {
        signal?: string
        stdout?: string
        stderr?: string
      }
      if (e.code === 'ENOENT') return t.skip('cfn-lint not installed')
      assert.fail(`cfn-lint failed (${e.code ?? e.signal}):\n${e.stdout ?? ''}${e.stderr ?? ''}`)
    }
  })
})
