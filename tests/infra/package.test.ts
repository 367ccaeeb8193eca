// Packages the service once (no AWS credentials) and checks the generated CloudFormation and zip
// against the Infrastructure section: what would be deployed, not what the YAML says.
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
import { describeRun, projectRoot, runSls } from '../helpers/sls.ts'
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
const FUNCTION_NAME = `example-service-${STAGE}-example`
const BUNDLE = 'src/handlers/example.cjs'
// The seed SAM template's access-log variables; the JSON format may add more, never fewer.
const SEED_ACCESS_LOG_VARIABLES = [
  ...['stage', 'integrationErrorMessage', 'identity.sourceIp', 'identity.caller', 'identity.user'],
  ...['requestTime', 'httpMethod', 'resourcePath', 'protocol', 'status', 'responseLength'],
  ...['requestId', 'extendedRequestId'],
].map((name) => `$context.${name}`)

let outDir = ''
let templatePath = ''
let resources: Record<string, Resource> = {}
let state: { service: { provider: { stage: string; region: string } } }
let zipEntries: ZipEntry[] = []
let zipSize = 0

function resource(id: string, type: string): Resource {
  const found = resources[id]
  assert.ok(found, `resource ${id} missing; have ${Object.keys(resources).join(', ')}`)
  assert.equal(found.Type, type)
  return found
}

function fn(): Record<string, unknown> {
  return resource('ExampleLambdaFunction', 'AWS::Lambda::Function').Properties
}

function bundleText(): string {
  const entry = zipEntries.find((e) => e.name === BUNDLE)
  assert.ok(entry, `${BUNDLE} missing from the zip`)
  return entry.read().toString('utf8')
}

function stage(): Record<string, unknown> {
  return resource('HttpApiStage', 'AWS::ApiGatewayV2::Stage').Properties
}

before(
  async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'example-service-package-'))
    const pkg = await runSls(['package', '--stage', STAGE, '--package', outDir], {
      label: 'package',
      timeoutMs: 120_000,
    })
    assert.equal(pkg.code, 0, describeRun(pkg))
    templatePath = path.join(outDir, 'cloudformation-template-update-stack.json')
    resources = JSON.parse(await readFile(templatePath, 'utf8')).Resources
    state = JSON.parse(await readFile(path.join(outDir, 'serverless-state.json'), 'utf8'))
    const zip = await readFile(path.join(outDir, 'example-service.zip'))
    zipSize = zip.length
    zipEntries = readZip(zip)
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
    assert.equal(fn().FunctionName, FUNCTION_NAME)
  })
})

describe('serverless package: HTTP API', () => {
  it('routes POST /example to the function with payload format 2.0', () => {
    const route = resource('HttpApiRoutePostExample', 'AWS::ApiGatewayV2::Route').Properties
    assert.equal(route.RouteKey, 'POST /example')
    assert.deepEqual(route.Target, {
      'Fn::Join': ['/', ['integrations', { Ref: 'HttpApiIntegrationExample' }]],
    })
    const integration = resource('HttpApiIntegrationExample', 'AWS::ApiGatewayV2::Integration')
    assert.equal(integration.Properties.IntegrationType, 'AWS_PROXY')
    assert.equal(integration.Properties.PayloadFormatVersion, '2.0')
    assert.deepEqual(integration.Properties.IntegrationUri, {
      'Fn::GetAtt': ['ExampleLambdaFunction', 'Arn'],
    })
  })

  it('times the function out before the 30000 ms integration timeout', () => {
    const integration = resource('HttpApiIntegrationExample', 'AWS::ApiGatewayV2::Integration')
    assert.equal(integration.Properties.TimeoutInMillis, 30000)
    const timeout = fn().Timeout
    assert.equal(typeof timeout, 'number')
    assert.ok((timeout as number) * 1000 < 30000, `function timeout ${timeout} s`)
  })

  it('keeps the body limit, base64-encoded, under Lambda 6 MB and HTTP API 10 MB payloads', () => {
    const { Variables } = fn().Environment as { Variables: Record<string, string> }
    const limit = Number(Variables.BODY_LIMIT_BYTES)
    // Form and untyped bodies arrive base64-encoded: 4/3 of the bytes, plus the event around them.
    const eventBytes = Math.ceil(limit / 3) * 4 + 64 * 1024
    assert.ok(eventBytes < 6 * 1024 * 1024, `a ${limit}-byte body makes a ${eventBytes}-byte event`)
    assert.ok(limit < 10 * 1024 * 1024)
  })

  it('writes JSON access logs with every field of the seed to their own log group', () => {
    const settings = stage().AccessLogSettings as { DestinationArn: unknown; Format: string }
    assert.deepEqual(settings.DestinationArn, { 'Fn::GetAtt': ['HttpApiLogGroup', 'Arn'] })
    const format = JSON.parse(settings.Format) as Record<string, string>
    const variables = Object.values(format)
    for (const variable of SEED_ACCESS_LOG_VARIABLES) {
      assert.ok(variables.includes(variable), `access log format lacks ${variable}`)
    }
  })

  it('keeps access logs 90 days and function logs 7 days', () => {
    const access = resource('HttpApiLogGroup', 'AWS::Logs::LogGroup').Properties
    assert.equal(access.RetentionInDays, 90)
    const logs = resource('ExampleLogGroup', 'AWS::Logs::LogGroup').Properties
    assert.equal(logs.LogGroupName, `/aws/lambda/${FUNCTION_NAME}`)
    assert.equal(logs.RetentionInDays, 7)
  })

  it('throttles the default route at burst 200 and POST /example at burst 600, with rates', () => {
    const defaults = stage().DefaultRouteSettings as Record<string, unknown>
    assert.equal(defaults.ThrottlingBurstLimit, 200)
    assert.equal(typeof defaults.ThrottlingRateLimit, 'number')
    assert.ok((defaults.ThrottlingRateLimit as number) > 0)
    // The extension replaces osls's object, so the metrics flag must have been carried over.
    assert.equal(typeof defaults.DetailedMetricsEnabled, 'boolean')
    const routes = stage().RouteSettings as Record<string, Record<string, unknown>>
    assert.deepEqual(Object.keys(routes), ['POST /example'])
    assert.equal(routes['POST /example']?.ThrottlingBurstLimit, 600)
    assert.ok((routes['POST /example']?.ThrottlingRateLimit as number) > 0)
  })

  it('sets the stage variable StageVar and tags the API Tag: Value', () => {
    assert.deepEqual(stage().StageVariables, { StageVar: 'Value' })
    assert.deepEqual(resource('HttpApi', 'AWS::ApiGatewayV2::Api').Properties.Tags, {
      Tag: 'Value',
    })
  })
})

describe('serverless package: function', () => {
  it('runs the bundled handler on nodejs24.x arm64', () => {
    assert.equal(fn().Runtime, 'nodejs24.x')
    assert.deepEqual(fn().Architectures, ['arm64'])
    assert.equal(fn().Handler, 'src/handlers/example.handler')
  })

  // No NODE_OPTIONS: --enable-source-maps would parse the map on every cold start.
  it('configures Powertools, the body limit and the timeout margin through the environment', () => {
    const { Variables } = fn().Environment as { Variables: Record<string, string> }
    assert.deepEqual(Variables, {
      POWERTOOLS_SERVICE_NAME: 'example-service',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      POWERTOOLS_LOGGER_SAMPLE_RATE: '0',
      POWERTOOLS_LOGGER_LOG_EVENT: 'false',
      BODY_LIMIT_BYTES: '1048576',
      TIMEOUT_MARGIN_MS: '500',
    })
  })

  it('grants the function nothing beyond writing its own logs', () => {
    const iam = Object.entries(resources).filter(([, r]) => r.Type.startsWith('AWS::IAM::'))
    assert.deepEqual(
      iam.map(([id]) => id),
      ['IamRoleLambdaExecution'],
    )
    assert.deepEqual(fn().Role, { 'Fn::GetAtt': ['IamRoleLambdaExecution', 'Arn'] })
    const role = resource('IamRoleLambdaExecution', 'AWS::IAM::Role').Properties
    assert.equal(role.ManagedPolicyArns, undefined)
    assert.equal(role.PermissionsBoundary, undefined)
    const trust = role.AssumeRolePolicyDocument as { Statement: Record<string, unknown>[] }
    assert.deepEqual(trust.Statement, [
      {
        Effect: 'Allow',
        Principal: { Service: ['lambda.amazonaws.com'] },
        Action: ['sts:AssumeRole'],
      },
    ])
    const policies = role.Policies as { PolicyDocument: { Statement: Statement[] } }[]
    const statements = policies.flatMap((p) => p.PolicyDocument.Statement)
    // What osls generates: nothing but logs, and only on /aws/lambda/<service>-<stage>*.
    const allowed = ['CreateLogGroup', 'CreateLogStream', 'PutLogEvents', 'TagResource']
    const groupArn = `:log-group:/aws/lambda/example-service-${STAGE}`
    for (const statement of statements) {
      assert.equal(statement.Effect, 'Allow')
      for (const action of statement.Action) {
        assert.ok(allowed.map((a) => `logs:${a}`).includes(action), action)
      }
      for (const target of statement.Resource) {
        const arn = (target as { 'Fn::Sub'?: string })['Fn::Sub'] ?? String(target)
        assert.match(arn, /^arn:\$\{AWS::Partition\}:logs:/)
        assert.ok(arn.includes(groupArn), `${arn} is not this service's log group`)
      }
    }
    const actions = statements.flatMap((s) => s.Action)
    assert.ok(actions.includes('logs:CreateLogStream') && actions.includes('logs:PutLogEvents'))
  })
})

describe('serverless package: deployment zip', () => {
  it('contains only the CommonJS bundle and its source map', () => {
    assert.deepEqual(zipEntries.map((e) => e.name).sort(), [BUNDLE, `${BUNDLE}.map`])
    assert.ok(zipEntries.every((e) => !e.name.includes('node_modules')))
  })

  it('bundles every dependency except the AWS SDK and stays small', () => {
    const code = bundleText()
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1] ?? '')
    const builtins = new Set(builtinModules)
    const foreign = required.filter((id) => !id.startsWith('node:') && !builtins.has(id))
    assert.deepEqual(
      foreign.filter((id) => !id.startsWith('@aws-sdk/')),
      [],
      'only Node built-ins (and the runtime-provided AWS SDK) may stay external',
    )
    assert.ok(!code.includes('@smithy/'), 'AWS SDK code must not be bundled')
    assert.ok(code.startsWith('"use strict"'), 'expected minified CommonJS output')
    assert.ok(code.length > 10_000, `bundle suspiciously small (${code.length} B)`)
    assert.ok(zipSize < 1024 * 1024, `zip is ${zipSize} B`)
  })

  it('builds with exactly the options in esbuild.config.cjs', async () => {
    const entry = 'src/handlers/example.ts'
    const result = await build({
      ...esbuildConfig.esbuildOptions(),
      entryPoints: [entry],
      outdir: path.join(outDir, 'rebuild', path.dirname(entry)),
      absWorkingDir: projectRoot,
      write: false,
      logLevel: 'silent',
    })
    const rebuilt = result.outputFiles.find((f) => f.path.endsWith('example.cjs'))
    assert.ok(rebuilt, 'esbuild produced no example.cjs')
    assert.equal(rebuilt.text, bundleText())
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
