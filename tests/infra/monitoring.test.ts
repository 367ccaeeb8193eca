// infra/monitoring.cjs on function blocks a fork might write (dashes and underscores in the name,
// its own timeout, an ANY route, no logs, no route), without packaging: the logical ids must be
// the ones osls's own naming gives, the route keys the ones the rest of the tooling derives.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { describe, it } from 'node:test'
import build from '../../infra/monitoring.cjs'
import { functionsOf } from '../../scripts/lib/serverless-config.ts'

const naming = createRequire(import.meta.url)('serverless/lib/plugins/aws/lib/naming.js') as {
  getLambdaLogicalId(name: string): string
  getLogGroupLogicalId(name: string): string
}

const FUNCTIONS = {
  'my-fn_2': {
    handler: 'src/handlers/my.handler',
    timeout: 10,
    events: [{ httpApi: 'GET /things/{id}' }, { httpApi: { method: 'any', path: '/x' } }],
  },
  quiet: { handler: 'src/handlers/quiet.handler', disableLogs: true, events: [{ httpApi: '*' }] },
  worker: { handler: 'src/handlers/worker.handler', events: [{ schedule: 'rate(1 hour)' }] },
}

const PARAMS: Record<string, string> = {
  alarms: 'true',
  dashboard: 'true',
  alarmSubscription: '',
  alarmPeriodSeconds: '60',
  alarmEvaluationPeriods: '5',
  alarmDatapointsToAlarm: '3',
  alarmFunctionErrors: '1',
  alarmFunctionThrottles: '1',
  alarmDurationShare: '0.8',
  alarmApi5xxRate: '0.05',
  alarmApiLatencyP99Ms: '5000',
}

const generate = (functions: object = FUNCTIONS, params: Record<string, string> = {}) =>
  build({
    resolveVariable: async (variable) => {
      const values: Record<string, unknown> = {
        'self:service': 'svc',
        'sls:stage': 'prod',
        'self:functions': functions,
        'self:provider.timeout, 6': 29,
      }
      if (variable.startsWith('param:')) return { ...PARAMS, ...params }[variable.slice(6)]
      assert.ok(variable in values, `unexpected variable ${variable}`)
      return values[variable]
    },
  })

type Props = Record<string, unknown>
const propsOf = (resources: Record<string, { Properties: Props }>, id: string): Props => {
  const found = resources[id]
  assert.ok(found, `${id} missing; have ${Object.keys(resources).join(', ')}`)
  return found.Properties
}

describe('infra/monitoring.cjs on a fork’s functions', () => {
  it('names each function’s Lambda and log group by osls’s own logical ids', async () => {
    const { Resources } = await generate()
    for (const name of Object.keys(FUNCTIONS)) {
      const stem = build.normalizedName(name)
      assert.equal(`${stem}LambdaFunction`, naming.getLambdaLogicalId(name))
      assert.equal(`${stem}LogGroup`, naming.getLogGroupLogicalId(name))
      for (const kind of ['Errors', 'Throttles', 'Duration']) {
        const { Dimensions } = propsOf(Resources, `${stem}${kind}Alarm`)
        assert.deepEqual(Dimensions, [
          { Name: 'FunctionName', Value: { Ref: naming.getLambdaLogicalId(name) } },
        ])
      }
    }
    const filter = propsOf(Resources, 'MyDashfnUnderscore2RequestsMetricFilter')
    assert.deepEqual(filter.LogGroupName, { Ref: naming.getLogGroupLogicalId('my-fn_2') })
  })

  it('takes the duration threshold from the function’s own timeout, else the provider’s', async () => {
    const { Resources } = await generate()
    assert.equal(propsOf(Resources, 'MyDashfnUnderscore2DurationAlarm').Threshold, 8000)
    assert.equal(propsOf(Resources, 'WorkerDurationAlarm').Threshold, 23200)
  })

  it('derives the route keys as the rest of the tooling does', () => {
    for (const fn of functionsOf(FUNCTIONS)) {
      const events = FUNCTIONS[fn.name as keyof typeof FUNCTIONS].events
      assert.deepEqual(
        events.map(build.routeKeyOf).filter((key) => key !== undefined),
        fn.routes.map((route) => route.routeKey),
        fn.name,
      )
    }
  })

  it('adds metric filters only where there is a log group with routes', async () => {
    const { Resources } = await generate()
    const filtered = Object.entries(Resources)
      .filter(([, r]) => r.Type === 'AWS::Logs::MetricFilter')
      .map(([id]) => id)
    assert.deepEqual(filtered, [
      'MyDashfnUnderscore2RequestsMetricFilter',
      'MyDashfnUnderscore2ClientErrorsMetricFilter',
      'MyDashfnUnderscore2ServerErrorsMetricFilter',
      'MyDashfnUnderscore2DurationMetricFilter',
    ])
  })

  it('leaves the API alarms out when no function has a route', async () => {
    const { Resources } = await generate({ worker: FUNCTIONS.worker })
    assert.deepEqual(Object.keys(Resources), [
      'AlarmTopic',
      'WorkerErrorsAlarm',
      'WorkerThrottlesAlarm',
      'WorkerDurationAlarm',
      'MonitoringDashboard',
    ])
  })

  it('refuses a param it cannot read, naming it', async () => {
    await assert.rejects(generate(FUNCTIONS, { alarmDurationShare: 'most' }), {
      message: 'param alarmDurationShare must be a non-negative number, not "most"',
    })
    await assert.rejects(generate(FUNCTIONS, { alarms: 'yes' }), {
      message: 'param alarms must be "true" or "false", not "yes"',
    })
    await assert.rejects(generate(FUNCTIONS, { alarmDatapointsToAlarm: '6' }), {
      message:
        'param alarmDatapointsToAlarm must be a whole number from 1 to alarmEvaluationPeriods (5), not 6',
    })
    await assert.rejects(generate(FUNCTIONS, { alarmPeriodSeconds: '45' }), {
      message: 'param alarmPeriodSeconds must be 10, 30 or a multiple of 60, not 45',
    })
  })
})
