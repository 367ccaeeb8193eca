// Packages stage prod once (no AWS credentials) and pins the monitoring in the generated
// CloudFormation: every alarm whole (metric, namespace, dimensions, statistic, threshold, window,
// missing data, actions), the topic, the per-route metric filters and the dashboard, for every
// function serverless.yml lists. The switches and the subscription are checked on what
// `serverless print` resolves for the `resources` section, which osls merges into the template as is.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { METRIC_FILTERS, QUERIES } from '../../infra/log-queries.cjs'
import { type FunctionConfig, readServerlessConfig } from '../../scripts/lib/serverless-config.ts'
import { describeRun, runSls } from '../../scripts/lib/sls.ts'
// A deployed stage resolves only with its JWT authorizer's params.
import { paramArgs } from '../helpers/deploy-params.ts'

interface Resource {
  Type: string
  Properties: Record<string, unknown>
}
type Resources = Record<string, Resource>

const execFileAsync = promisify(execFile)
const STAGE = 'prod'
const config = readServerlessConfig()
const SERVICE = config.service
const NAMESPACE = `${SERVICE}/${STAGE}`
// The documented defaults (serverless.yml params, docs/operations.md).
const PERIOD = 60
const EVALUATION_PERIODS = 5
const DATAPOINTS_TO_ALARM = 3
// The function timeout the duration alarm is a share of: the function's own, else provider's.
const PROVIDER_TIMEOUT_S = Number((config.provider as { timeout?: number }).timeout ?? 6)
const DURATION_SHARE = 0.8
const API_5XX_RATE = 0.05
const API_LATENCY_P99_MS = 5000
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
const HTTP_API_METRICS = ['4xx', '5xx', 'Count', 'Latency', 'IntegrationLatency']
// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
const LAMBDA_METRICS = ['Errors', 'Throttles', 'Duration']
// Clean env: a shell ALARM_SUBSCRIPTION must not leak an address into the template under test.
const ENV = { ALARM_SUBSCRIPTION: '' }

let outDir = ''
let templatePath = ''
let resources: Resources = {}

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type)
const topicActions = { AlarmActions: [{ Ref: 'AlarmTopic' }], OKActions: [{ Ref: 'AlarmTopic' }] }

/** The logical id of the function's Lambda, found by its deployed name. */
function lambdaId(fn: FunctionConfig): string {
  const found = ofType('AWS::Lambda::Function').find(
    ([, r]) => r.Properties.FunctionName === `${SERVICE}-${STAGE}-${fn.name}`,
  )
  assert.ok(found, `no AWS::Lambda::Function for ${fn.name}`)
  return found[0]
}

const expectedFunctionAlarms = (fn: FunctionConfig) => {
  const window = {
    ActionsEnabled: true,
    ...topicActions,
    Period: PERIOD,
    EvaluationPeriods: EVALUATION_PERIODS,
    DatapointsToAlarm: DATAPOINTS_TO_ALARM,
    TreatMissingData: 'notBreaching',
    Namespace: 'AWS/Lambda',
    Dimensions: [{ Name: 'FunctionName', Value: { Ref: lambdaId(fn) } }],
  }
  return {
    errors: {
      ...window,
      AlarmName: `${SERVICE}-${STAGE}-${fn.name}-errors`,
      MetricName: 'Errors',
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    },
    throttles: {
      ...window,
      AlarmName: `${SERVICE}-${STAGE}-${fn.name}-throttles`,
      MetricName: 'Throttles',
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    },
    duration: {
      ...window,
      AlarmName: `${SERVICE}-${STAGE}-${fn.name}-duration-p99`,
      MetricName: 'Duration',
      ExtendedStatistic: 'p99',
      Threshold: (fn.timeout ?? PROVIDER_TIMEOUT_S) * 1000 * DURATION_SHARE,
      ComparisonOperator: 'GreaterThanThreshold',
    },
  }
}

const alarmNamed = (name: string): Record<string, unknown> => {
  const found = ofType('AWS::CloudWatch::Alarm').find(([, r]) => r.Properties.AlarmName === name)
  assert.ok(found, `no alarm named ${name}`)
  const { AlarmDescription, ...rest } = found[1].Properties
  assert.match(String(AlarmDescription), /See docs\/operations\.md\.$/)
  return rest
}

const apiDimensions = () => [
  { Name: 'ApiId', Value: { Ref: 'HttpApi' } },
  { Name: 'Stage', Value: resources.HttpApiStage?.Properties.StageName },
]

/** Every metric an alarm reads: its own, or each of its metric-math inputs. */
const metricsOf = (props: Record<string, unknown>) => {
  type Metric = { Namespace: string; MetricName: string; Dimensions: unknown[] }
  const math = props.Metrics as { MetricStat?: { Metric: Metric } }[] | undefined
  if (math) return math.flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric] : []))
  return [props as unknown as Metric]
}

/** `resources.Resources` as osls resolves it for stage prod (or `--stage` in args). */
const print = async (args: string[], env: Record<string, string> = ENV) => {
  const stage = args.includes('--stage') ? [] : ['--stage', STAGE]
  const run = await runSls(
    [
      'print',
      ...stage,
      '--path',
      'resources.Resources',
      '--format',
      'json',
      ...args,
      ...paramArgs(),
    ],
    { label: 'print-monitoring', timeoutMs: 90_000, env },
  )
  return { run, resources: run.code === 0 ? (JSON.parse(run.stdout) as Resources) : {} }
}
const typesOf = (printed: Resources) => Object.values(printed).map((r) => r.Type)

before(
  async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'example-service-alarms-'))
    const pkg = await runSls(['package', '--stage', STAGE, '--package', outDir, ...paramArgs()], {
      label: 'package-prod',
      timeoutMs: 120_000,
      env: ENV,
    })
    assert.equal(pkg.code, 0, describeRun(pkg))
    templatePath = path.join(outDir, 'cloudformation-template-update-stack.json')
    resources = JSON.parse(await readFile(templatePath, 'utf8')).Resources
  },
  { timeout: 180_000 },
)

after(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true })
})

describe('alarms (serverless package --stage prod)', () => {
  it('watches every function: errors, throttles and p99 duration above 80 % of its timeout', () => {
    for (const fn of config.functions) {
      const expected = expectedFunctionAlarms(fn)
      assert.deepEqual(alarmNamed(expected.errors.AlarmName), expected.errors)
      assert.deepEqual(alarmNamed(expected.throttles.AlarmName), expected.throttles)
      assert.deepEqual(alarmNamed(expected.duration.AlarmName), expected.duration)
    }
  })

  it('watches the HTTP API: 5xx / Count above 5 % and p99 latency above 5000 ms', () => {
    const window = {
      ActionsEnabled: true,
      ...topicActions,
      EvaluationPeriods: EVALUATION_PERIODS,
      DatapointsToAlarm: DATAPOINTS_TO_ALARM,
      TreatMissingData: 'notBreaching',
    }
    const sum = (id: string, metricName: string) => ({
      Id: id,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/ApiGateway',
          MetricName: metricName,
          Dimensions: apiDimensions(),
        },
        Period: PERIOD,
        Stat: 'Sum',
      },
      ReturnData: false,
    })
    assert.deepEqual(alarmNamed(`${SERVICE}-${STAGE}-api-5xx-rate`), {
      ...window,
      AlarmName: `${SERVICE}-${STAGE}-api-5xx-rate`,
      Metrics: [
        sum('errors', '5xx'),
        sum('requests', 'Count'),
        {
          Id: 'rate',
          Expression: 'FILL(errors, 0) / requests',
          Label: '5xx rate',
          ReturnData: true,
        },
      ],
      Threshold: API_5XX_RATE,
      ComparisonOperator: 'GreaterThanThreshold',
    })
    assert.deepEqual(alarmNamed(`${SERVICE}-${STAGE}-api-latency-p99`), {
      ...window,
      AlarmName: `${SERVICE}-${STAGE}-api-latency-p99`,
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      Dimensions: apiDimensions(),
      Period: PERIOD,
      ExtendedStatistic: 'p99',
      Threshold: API_LATENCY_P99_MS,
      ComparisonOperator: 'GreaterThanThreshold',
    })
  })

  it('has exactly those alarms, each on a documented metric of a resource in this stack', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm')
    // Two for the table when a function declares `data:` (infra/data-monitoring.cjs).
    const tableAlarms = config.functions.some((fn) => fn.data) ? 2 : 0
    assert.equal(alarms.length, config.functions.length * 3 + 2 + tableAlarms)
    const stageName = resources.HttpApiStage?.Properties.StageName
    assert.equal(stageName, '$default')
    for (const [id, alarm] of alarms) {
      for (const metric of metricsOf(alarm.Properties)) {
        if (metric.Namespace === 'AWS/ApiGateway') {
          assert.ok(HTTP_API_METRICS.includes(metric.MetricName), `${id}: ${metric.MetricName}`)
          assert.deepEqual(metric.Dimensions, apiDimensions(), id)
        } else if (metric.Namespace === 'AWS/DynamoDB') {
          assert.ok(
            ['ReadThrottleEvents', 'WriteThrottleEvents', 'SystemErrors'].includes(
              metric.MetricName,
            ),
            id,
          )
          assert.deepEqual(
            metric.Dimensions[0],
            { Name: 'TableName', Value: { Ref: 'DataTable' } },
            id,
          )
        } else {
          assert.equal(metric.Namespace, 'AWS/Lambda', id)
          assert.ok(LAMBDA_METRICS.includes(metric.MetricName), `${id}: ${metric.MetricName}`)
          const [dimension] = metric.Dimensions as { Name: string; Value: { Ref: string } }[]
          assert.equal(resources[dimension?.Value.Ref ?? '']?.Type, 'AWS::Lambda::Function', id)
        }
      }
    }
  })

  it('notifies one SNS topic per stage, with no subscription unless the stage names one', () => {
    assert.deepEqual(
      ofType('AWS::SNS::Topic').map(([id, r]) => [id, r.Properties.TopicName]),
      [['AlarmTopic', `${SERVICE}-${STAGE}-alarms`]],
    )
    assert.deepEqual(ofType('AWS::SNS::Subscription'), [])
  })

  it('passes cfn-lint without errors', async (t) => {
    try {
      await execFileAsync('cfn-lint', ['--non-zero-exit-code', 'error', templatePath], {
        timeout: 120_000,
      })
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { signal?: string; stdout?: string }
      if (e.code === 'ENOENT') return t.skip('cfn-lint not installed')
      assert.fail(`cfn-lint failed (${e.code ?? e.signal}):\n${e.stdout ?? ''}`)
    }
  })
})

describe('per-route metric filters (serverless package --stage prod)', () => {
  it('counts requests, 4xx, 5xx and duration by route key on every function log group', () => {
    const filters = ofType('AWS::Logs::MetricFilter')
    const withRoutes = config.functions.filter((fn) => fn.routes.length > 0)
    assert.equal(filters.length, withRoutes.length * METRIC_FILTERS.length)
    for (const fn of withRoutes) {
      const logGroupId = lambdaId(fn).replace(/LambdaFunction$/, 'LogGroup')
      assert.equal(resources[logGroupId]?.Type, 'AWS::Logs::LogGroup')
      const onGroup = filters.filter(
        ([, f]) => (f.Properties.LogGroupName as { Ref: string }).Ref === logGroupId,
      )
      const completed = '$.message = "request completed"'
      const expected = [
        ['Requests', '1', 'Count', `{ ${completed} }`],
        ['4xx', '1', 'Count', `{ ${completed} && $.http.status >= 400 && $.http.status < 500 }`],
        ['5xx', '1', 'Count', `{ ${completed} && $.http.status >= 500 }`],
        ['Duration', '$.http.durationMs', 'Milliseconds', `{ ${completed} }`],
      ]
      assert.deepEqual(
        onGroup.map(([, f]) => f.Properties),
        expected.map(([name, value, unit, pattern]) => ({
          LogGroupName: { Ref: logGroupId },
          FilterPattern: pattern,
          MetricTransformations: [
            {
              MetricNamespace: NAMESPACE,
              MetricName: name,
              MetricValue: value,
              Unit: unit,
              Dimensions: [{ Key: 'Route', Value: '$.http.routeKey' }],
            },
          ],
        })),
      )
    }
  })
})

describe('dashboard (serverless package --stage prod)', () => {
  type Widget = {
    type: string
    properties: { title: string; metrics?: unknown[][]; query?: string }
  }
  let body = ''
  let widgets: Widget[] = []
  before(() => {
    const dashboards = ofType('AWS::CloudWatch::Dashboard')
    assert.equal(dashboards.length, 1)
    const props = dashboards[0]?.[1].Properties ?? {}
    assert.equal(props.DashboardName, `${SERVICE}-${STAGE}`)
    body = (props.DashboardBody as { 'Fn::Sub': string })['Fn::Sub']
    widgets = (JSON.parse(body) as { widgets: Widget[] }).widgets
  })
  const lines = () => widgets.flatMap((w) => w.properties.metrics ?? [])
  const hasLine = (...prefix: unknown[]) =>
    lines().some((l) => prefix.every((value, i) => JSON.stringify(l[i]) === JSON.stringify(value)))

  it('references only resources of this stack and pseudo parameters', () => {
    for (const [, name] of body.matchAll(/\$\{([^}]+)\}/g)) {
      assert.ok(name?.startsWith('AWS::') || resources[name ?? ''], `unknown reference ${name}`)
    }
  })

  it('shows requests, 4xx, 5xx and p50/p99 duration for every route', () => {
    for (const route of config.functions.flatMap((fn) => fn.routes)) {
      for (const metric of ['Requests', '4xx', '5xx'])
        assert.ok(
          hasLine(NAMESPACE, metric, 'Route', route.routeKey),
          `${metric} ${route.routeKey}`,
        )
      for (const stat of ['p50', 'p99'])
        assert.ok(
          hasLine(NAMESPACE, 'Duration', 'Route', route.routeKey, {
            stat,
            label: `${route.routeKey} ${stat}`,
          }),
        )
    }
  })

  it('shows errors, throttles and duration for every function', () => {
    for (const fn of config.functions) {
      for (const metric of LAMBDA_METRICS)
        assert.ok(hasLine('AWS/Lambda', metric, 'FunctionName', `\${${lambdaId(fn)}}`), metric)
    }
  })

  it('reads only HTTP API metric names of this API and stage', () => {
    const api = lines().filter((l) => l[0] === 'AWS/ApiGateway')
    assert.ok(api.length > 0)
    for (const l of api) {
      assert.ok(HTTP_API_METRICS.includes(String(l[1])), String(l[1]))
      assert.deepEqual(l.slice(2, 6), ['ApiId', `\${HttpApi}`, 'Stage', '$default'])
    }
  })

  it('tables status counts and the slowest requests from the functions’ own lines', () => {
    const sources = config.functions
      .map((fn) => `SOURCE '\${${lambdaId(fn).replace(/LambdaFunction$/, 'LogGroup')}}'`)
      .join(' | ')
    const logs = widgets.filter((w) => w.type === 'log').map((w) => w.properties.query)
    assert.deepEqual(logs, [
      `${sources} | ${QUERIES.statusCounts?.query}`,
      `${sources} | ${QUERIES.slowest?.query}`,
    ])
  })
})

describe('per-stage switches and subscription (serverless print)', () => {
  const url = 'https://hooks.example.invalid/alarms'
  const mail = 'ops@example.invalid'
  const printed: Record<string, Awaited<ReturnType<typeof print>>> = {}
  before(
    async () => {
      const runs = {
        noAlarms: print(['--param', 'alarms=false']),
        noDashboard: print(['--param', 'dashboard=false']),
        local: print(['--stage', 'local']),
        https: print(['--param', `alarmSubscription=${url}`]),
        email: print(['--param', `alarmSubscription=${mail}`]),
        fromEnv: print([], { ALARM_SUBSCRIPTION: url }),
        invalid: print(['--param', 'alarmSubscription=http://plain.example.invalid']),
      }
      for (const [name, run] of Object.entries(runs)) printed[name] = await run
    },
    { timeout: 180_000 },
  )
  const resourcesOf = (name: string) => {
    const result = printed[name]
    assert.ok(result)
    assert.equal(result.run.code, 0, describeRun(result.run))
    return result.resources
  }
  const subscription = (endpoint: string, protocol: string) => ({
    Type: 'AWS::SNS::Subscription',
    Properties: { TopicArn: { Ref: 'AlarmTopic' }, Protocol: protocol, Endpoint: endpoint },
  })

  it('leaves alarms and topic out with alarms=false, dashboard and filters with dashboard=false', () => {
    assert.deepEqual([...new Set(typesOf(resourcesOf('noAlarms')))].sort(), [
      'AWS::CloudWatch::Dashboard',
      'AWS::Logs::MetricFilter',
    ])
    assert.deepEqual([...new Set(typesOf(resourcesOf('noDashboard')))].sort(), [
      'AWS::CloudWatch::Alarm',
      'AWS::SNS::Topic',
    ])
  })

  it('generates nothing for stage local', () => {
    assert.deepEqual(resourcesOf('local'), {})
  })

  it('subscribes the e-mail address or https:// URL given as alarmSubscription', () => {
    assert.deepEqual(resourcesOf('https').AlarmTopicSubscription, subscription(url, 'https'))
    assert.deepEqual(resourcesOf('email').AlarmTopicSubscription, subscription(mail, 'email'))
    assert.deepEqual(resourcesOf('fromEnv').AlarmTopicSubscription, subscription(url, 'https'))
  })

  it('refuses a subscription that is neither an address nor an https:// URL', () => {
    const { run } = printed.invalid ?? assert.fail()
    assert.notEqual(run.code, 0)
    assert.match(
      run.stdout + run.stderr,
      /alarmSubscription must be an e-mail address or an https:\/\/ URL/,
    )
  })
})
