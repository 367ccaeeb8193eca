// The function's environment per stage, as `serverless print` resolves serverless.yml (no AWS
// credentials, no package run): every stage keeps the INFO request summary, `local` shows whole
// events at DEBUG, and POWERTOOLS_* set in the shell win over the stage's values.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { readServerlessConfig } from '../../scripts/lib/serverless-config.ts'
import { describeRun, runSls } from '../../scripts/lib/sls.ts'
import { paramArgs } from '../helpers/deploy-params.ts'
import { DEPLOYED_ENVIRONMENT } from '../helpers/deployed-environment.ts'

type Environment = Record<string, string>

const printEnvironment = async (stage: string, env: Record<string, string> = {}) => {
  const args = ['print', '--stage', stage, '--path', 'provider.environment', '--format', 'json']
  // A deployed stage resolves only with its authorizer's params (local has its own).
  if (stage !== 'local') args.push(...paramArgs())
  const run = await runSls(args, { label: `print-${stage}`, timeoutMs: 60_000, env })
  assert.equal(run.code, 0, describeRun(run))
  return JSON.parse(run.stdout) as Environment
}

const DEPLOYED: Environment = DEPLOYED_ENVIRONMENT

const printed: Record<string, Environment> = {}

before(
  async () => {
    const shell = {
      POWERTOOLS_LOG_LEVEL: 'WARN',
      POWERTOOLS_LOGGER_SAMPLE_RATE: '0.25',
      POWERTOOLS_LOGGER_LOG_EVENT: 'true',
    }
    const [prod, sandbox, local, overridden] = await Promise.all([
      printEnvironment('prod'),
      printEnvironment('sandbox'),
      printEnvironment('local'),
      printEnvironment('local', shell),
    ])
    Object.assign(printed, { prod, sandbox, local, overridden })
  },
  { timeout: 120_000 },
)

describe('serverless print: the environment per stage', () => {
  it('logs every request summary at INFO in deployed stages, prod included', () => {
    assert.deepEqual(printed.prod, DEPLOYED)
    assert.deepEqual(printed.sandbox, DEPLOYED)
  })

  it('logs at DEBUG in stage local (npm start, npm run invoke), the rest as deployed', () => {
    assert.deepEqual(printed.local, { ...DEPLOYED, POWERTOOLS_LOG_LEVEL: 'DEBUG' })
  })

  it('resolves a deployed stage without params unless a route uses the JWT authorizer', async () => {
    const args = ['print', '--stage', 'prod', '--path', 'provider.httpApi', '--format', 'json']
    const run = await runSls(args, { label: 'print-unset', timeoutMs: 60_000 })
    const routes = readServerlessConfig().functions.flatMap((fn) => fn.routes)
    if (!routes.some((route) => route.authorizer?.name === 'jwt')) {
      assert.equal(run.code, 0, describeRun(run))
      assert.deepEqual(JSON.parse(run.stdout).authorizers, {})
    } else {
      assert.equal(run.code, 1, describeRun(run))
      for (const name of ['jwtIssuerUrl', 'jwtAudience', 'params.prod', '--param']) {
        assert.ok(run.stdout.concat(run.stderr).includes(name), describeRun(run))
      }
    }
  })

  it('takes POWERTOOLS_* from the shell over the stage parameters', () => {
    assert.deepEqual(printed.overridden, {
      ...DEPLOYED,
      POWERTOOLS_LOG_LEVEL: 'WARN',
      POWERTOOLS_LOGGER_SAMPLE_RATE: '0.25',
      POWERTOOLS_LOGGER_LOG_EVENT: 'true',
    })
  })
})
