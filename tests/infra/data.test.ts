// infra/data.cjs on function blocks a fork might write, without packaging: no `data:` means no
// table and no role; each declaration becomes exactly its actions; anything else fails the build.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { describe, it } from 'node:test'

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>
const data = createRequire(import.meta.url)('../../infra/data.cjs') as {
  dataResources(input: {
    service: string
    stage: string
    functions: Record<string, unknown>
    retain: boolean
  }): { Resources: Resources; Outputs: Record<string, unknown> }
}
const generate = (functions: Record<string, unknown>) =>
  data.dataResources({ service: 'svc', stage: 'prod', functions, retain: true })

describe('infra/data.cjs', () => {
  it('generates nothing for functions that declare no data', () => {
    const { Resources, Outputs } = generate({ a: { handler: 'src/handlers/a.handler' } })
    assert.deepEqual(Resources, {})
    assert.deepEqual(Outputs, {})
  })

  it('grants each function its declared actions, sorted and once, on the table only', () => {
    const { Resources } = generate({
      'my-fn_2': { handler: 'x.handler', data: ['PutItem', 'GetItem', 'PutItem'] },
      plain: { handler: 'y.handler' },
    })
    assert.deepEqual(Object.keys(Resources).sort(), ['DataTable', 'MyDashfnUnderscore2DataRole'])
    const policies = Resources.MyDashfnUnderscore2DataRole?.Properties.Policies as {
      PolicyDocument: { Statement: { Action: string[]; Resource: unknown[] }[] }
    }[]
    const statements = policies.flatMap((p) => p.PolicyDocument.Statement)
    assert.deepEqual(statements.at(-1), {
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      Resource: [{ 'Fn::GetAtt': ['DataTable', 'Arn'] }],
    })
    assert.match(JSON.stringify(statements), /log-group:\/aws\/lambda\/svc-prod-my-fn_2:/)
  })

  it('refuses a wildcard, an unknown action or an empty list', () => {
    for (const declared of [['*'], ['Scan'], [], 'GetItem']) {
      assert.throws(
        () => generate({ f: { handler: 'x.handler', data: declared } }),
        /function f: data/,
      )
    }
  })
})
