// The walkthrough's table and grants as `serverless package` generates them (infra/data.cjs via
// infra/data-plugin.cjs), without AWS credentials: the table kept and encrypted, and each function
// granted exactly the DynamoDB actions its `data:` declares, on the table alone.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { readServerlessConfig } from '../../scripts/lib/serverless-config.ts'
import { describeRun, runSls } from '../../scripts/lib/sls.ts'
import { paramArgs } from '../../tests/helpers/deploy-params.ts'
import { walkthroughTree } from './walkthrough-tree.ts'

type Resource = {
  Type: string
  DeletionPolicy?: string
  UpdateReplacePolicy?: string
  // biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON, read field by field below
  Properties: Record<string, any>
}
type Statement = { Effect: string; Action: string[]; Resource: unknown[] }

let tree: Awaited<ReturnType<typeof walkthroughTree>> | undefined
const templates: Record<string, Record<string, Resource>> = {}

const packageStage = async (root: string, stage: string, extra: string[] = []) => {
  const run = await runSls(
    ['package', '--stage', stage, '--package', `.serverless-${stage}`, ...paramArgs(), ...extra],
    {
      label: `data-${stage}`,
      timeoutMs: 240_000,
      root,
    },
  )
  assert.equal(run.code, 0, describeRun(run))
  const file = path.join(root, `.serverless-${stage}`, 'cloudformation-template-update-stack.json')
  return JSON.parse(await readFile(file, 'utf8')).Resources as Record<string, Resource>
}

before(
  async () => {
    tree = await walkthroughTree('data-package')
    templates.ci = await packageStage(tree.root, 'ci')
    templates.scratch = await packageStage(tree.root, 'scratch', ['--param', 'dataRetain=false'])
  },
  { timeout: 480_000 },
)
after(() => tree?.remove())

const lambdaOf = (resources: Record<string, Resource>, name: string) =>
  Object.values(resources).find(
    (r) =>
      r.Type === 'AWS::Lambda::Function' && String(r.Properties.FunctionName).endsWith(`-${name}`),
  )

describe('serverless package: the table', () => {
  it('is on demand, recoverable, encrypted, with a time to live, kept with deletion protection', () => {
    const table = templates.ci?.DataTable
    assert.ok(table)
    assert.equal(table.Type, 'AWS::DynamoDB::Table')
    assert.equal(table.DeletionPolicy, 'Retain')
    assert.equal(table.UpdateReplacePolicy, 'Retain')
    assert.equal(table.Properties.BillingMode, 'PAY_PER_REQUEST')
    assert.deepEqual(table.Properties.PointInTimeRecoverySpecification, {
      PointInTimeRecoveryEnabled: true,
    })
    assert.deepEqual(table.Properties.SSESpecification, { SSEEnabled: true })
    assert.equal(table.Properties.DeletionProtectionEnabled, true)
    assert.equal(table.Properties.TimeToLiveSpecification.Enabled, true)
  })

  it('is deleted with the stack on a throw-away stage (dataRetain=false)', () => {
    const table = templates.scratch?.DataTable
    assert.equal(table?.DeletionPolicy, 'Delete')
    assert.equal(table?.Properties.DeletionProtectionEnabled, false)
  })
})

describe('serverless package: grants', () => {
  it("gives each function that declares data: a role of its own with exactly those actions on the table's ARN", () => {
    const resources = templates.ci ?? {}
    const functions = readServerlessConfig(tree?.root).functions
    assert.ok(functions.some((fn) => fn.data))
    for (const fn of functions) {
      const lambda = lambdaOf(resources, fn.name)
      assert.ok(lambda, fn.name)
      const roleId = (lambda.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]
      const statements = (
        (resources[roleId]?.Properties.Policies ?? []) as {
          PolicyDocument: { Statement: Statement[] }
        }[]
      ).flatMap((p) => p.PolicyDocument.Statement)
      const data = statements.filter((s) => s.Action.some((a) => a.startsWith('dynamodb:')))
      if (!fn.data) {
        // The shared role: no grant on the service's table (a fork's own provider.iam statements
        // on tables of its own are its business).
        assert.equal(roleId, 'IamRoleLambdaExecution', fn.name)
        assert.ok(!JSON.stringify(data).includes('DataTable'), `${fn.name} declares no data`)
        continue
      }
      assert.notEqual(roleId, 'IamRoleLambdaExecution', fn.name)
      assert.deepEqual(data, [
        {
          Effect: 'Allow',
          Action: [...fn.data].sort().map((a) => `dynamodb:${a}`),
          Resource: [{ 'Fn::GetAtt': ['DataTable', 'Arn'] }],
        },
      ])
      const logs = statements.filter((s) => !s.Action.some((a) => a.startsWith('dynamodb:')))
      for (const target of logs.flatMap((s) => s.Resource)) {
        assert.match(
          JSON.stringify(target),
          new RegExp(`log-group:/aws/lambda/${lambda.Properties.FunctionName}:`),
        )
      }
      assert.equal(
        lambda.Properties.Environment.Variables.DATA_TABLE,
        resources.DataTable?.Properties.TableName,
      )
    }
    assert.ok(!JSON.stringify(resources).includes('"dynamodb:*"'))
  })
})
