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

const monitoring = createRequire(import.meta.url)('../../infra/monitoring.cjs') as (input: {
  resolveVariable(variable: string): Promise<unknown>
}) => Promise<{ Resources: Resources }>
const PARAMS: Record<string, string> = {
  ...{ alarms: 'true', dashboard: 'true', alarmSubscription: '', alarmPeriodSeconds: '60' },
  ...{ alarmEvaluationPeriods: '5', alarmDatapointsToAlarm: '3', alarmFunctionErrors: '1' },
  ...{ alarmFunctionThrottles: '1', alarmDurationShare: '0.8', alarmApi5xxRate: '0.05' },
  alarmApiLatencyP99Ms: '5000',
}
const monitor = (functions: Record<string, unknown>) =>
  monitoring({
    resolveVariable: async (variable) =>
      variable.startsWith('param:')
        ? PARAMS[variable.slice(6)]
        : ({ 'self:service': 'svc', 'sls:stage': 'prod', 'self:functions': functions }[variable] ??
          29),
  })

describe('the table in monitoring', () => {
  it('alarms on throttling and system errors of the operations used, and shows the conditional-check failure rate', async () => {
    const { Resources } = await monitor({
      a: { handler: 'a.handler', data: ['GetItem', 'UpdateItem'], events: [{ httpApi: 'GET /a' }] },
    })
    const errors = Resources.DataTableSystemErrorsAlarm?.Properties.Metrics as {
      MetricStat?: { Metric: { Dimensions: { Value: unknown }[] } }
    }[]
    assert.deepEqual(
      errors.flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric.Dimensions[1]?.Value] : [])),
      ['GetItem', 'UpdateItem'],
    )
    assert.ok(Resources.DataTableThrottlesAlarm)
    const body = (
      (Resources.MonitoringDashboard?.Properties.DashboardBody ?? {}) as Record<string, string>
    )['Fn::Sub']
    assert.match(body ?? '', /ConditionalCheckFailedRequests/)
    assert.ok(!JSON.stringify(Resources).includes('ConditionalCheckFailedRequests","Period'))
  })

  it('adds no table alarm or widget for a service without data', async () => {
    const { Resources } = await monitor({
      a: { handler: 'a.handler', events: [{ httpApi: 'GET /a' }] },
    })
    assert.ok(!JSON.stringify(Resources).includes('AWS/DynamoDB'))
  })
})

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
