'use strict'

// Alarms, their SNS topic, per-route metric filters and the dashboard, generated for every
// function serverless.yml lists: a function a fork adds is watched without anyone writing YAML.
// serverless.yml pulls the result in with `${file(./infra/monitoring.cjs):Resources}` (and
// `:Outputs`); osls calls the exported function with `resolveVariable`, so the function list and
// the stage's params come resolved. Plain CloudFormation: deploying needs no plugin and no custom
// resource. A switch param off leaves its resources out of the template altogether.
// What each alarm means and how to tune it: docs/operations.md.

const { alarmResources } = require('./alarms.cjs')
const { dashboardResource } = require('./dashboard.cjs')
const { actionsOf } = require('./data.cjs')
const { METRIC_FILTERS, ROUTE_DIMENSION } = require('./log-queries.cjs')

/** osls's logical-id scheme for a function name (lib/plugins/aws/lib/naming.js). */
const normalizedName = (name) => {
  const safe = name.replace(/-/g, 'Dash').replace(/_/g, 'Underscore')
  return safe.charAt(0).toUpperCase() + safe.slice(1)
}

/** API Gateway's route key of an `httpApi` event, as the `request completed` line logs it. */
const routeKeyOf = (event) => {
  const spec = event?.httpApi
  if (spec === undefined) return undefined
  const [method = '', path = ''] =
    typeof spec === 'string' ? spec.trim().split(/\s+/) : [spec.method ?? '', spec.path ?? '']
  if (method === '*' && path === '') return '$default'
  const upper = method.toUpperCase()
  return `${upper === '*' ? 'ANY' : upper} ${path}`
}

const flag = (name, value) => {
  if (value === true || value === 'true') return true
  if (value === false || value === 'false') return false
  throw new Error(`param ${name} must be "true" or "false", not ${JSON.stringify(value)}`)
}

const number = (name, value) => {
  const parsed = typeof value === 'number' ? value : Number(String(value).trim())
  if (String(value).trim() === '' || !Number.isFinite(parsed) || parsed < 0) {
    throw new Error(`param ${name} must be a non-negative number, not ${JSON.stringify(value)}`)
  }
  return parsed
}

/** An e-mail address or an https:// URL; empty means no subscription. */
const subscriptionOf = (value) => {
  const endpoint = String(value ?? '').trim()
  if (endpoint === '') return undefined
  if (/^https:\/\/\S+$/.test(endpoint)) return { Protocol: 'https', Endpoint: endpoint }
  if (/^[^@\s]+@[^@\s]+$/.test(endpoint)) return { Protocol: 'email', Endpoint: endpoint }
  throw new Error('param alarmSubscription must be an e-mail address or an https:// URL')
}

/** The stage's monitoring settings, read from its params (defaults: serverless.yml `params`). */
const readSettings = async (resolveVariable) => {
  const param = (name) => resolveVariable(`param:${name}`)
  return {
    alarms: flag('alarms', await param('alarms')),
    dashboard: flag('dashboard', await param('dashboard')),
    subscription: subscriptionOf(await param('alarmSubscription')),
    period: number('alarmPeriodSeconds', await param('alarmPeriodSeconds')),
    evaluationPeriods: number('alarmEvaluationPeriods', await param('alarmEvaluationPeriods')),
    datapointsToAlarm: number('alarmDatapointsToAlarm', await param('alarmDatapointsToAlarm')),
    functionErrors: number('alarmFunctionErrors', await param('alarmFunctionErrors')),
    functionThrottles: number('alarmFunctionThrottles', await param('alarmFunctionThrottles')),
    durationShare: number('alarmDurationShare', await param('alarmDurationShare')),
    api5xxRate: number('alarmApi5xxRate', await param('alarmApi5xxRate')),
    apiLatencyP99Ms: number('alarmApiLatencyP99Ms', await param('alarmApiLatencyP99Ms')),
  }
}

/** CloudWatch's own limits, checked here so a bad param fails `package`, not a deploy. */
const checkWindow = (settings) => {
  const { period, evaluationPeriods, datapointsToAlarm } = settings
  if (!(period === 10 || period === 30 || (period > 0 && period % 60 === 0))) {
    throw new Error(`param alarmPeriodSeconds must be 10, 30 or a multiple of 60, not ${period}`)
  }
  if (!Number.isInteger(evaluationPeriods) || evaluationPeriods < 1) {
    throw new Error(
      `param alarmEvaluationPeriods must be a whole number ≥ 1, not ${evaluationPeriods}`,
    )
  }
  if (
    !Number.isInteger(datapointsToAlarm) ||
    datapointsToAlarm < 1 ||
    datapointsToAlarm > evaluationPeriods
  ) {
    throw new Error(
      `param alarmDatapointsToAlarm must be a whole number from 1 to alarmEvaluationPeriods (${evaluationPeriods}), not ${datapointsToAlarm}`,
    )
  }
  return settings
}

/** What the generators need to know about each function of serverless.yml. */
const readFunctions = async (resolveVariable) => {
  const functions = (await resolveVariable('self:functions')) ?? {}
  const providerTimeout = await resolveVariable('self:provider.timeout, 6')
  return Object.entries(functions).map(([name, fn]) => {
    const id = normalizedName(name)
    return {
      name,
      lambdaId: `${id}LambdaFunction`,
      logGroupId: fn.disableLogs ? undefined : `${id}LogGroup`,
      timeoutSeconds: Number(fn.timeout ?? providerTimeout),
      routeKeys: (fn.events ?? []).map(routeKeyOf).filter((key) => key !== undefined),
      // The DynamoDB actions it calls (infra/data.cjs): the table's alarms and widgets.
      data: actionsOf(name, fn),
    }
  })
}

/** One filter per log group and metric; the metrics are shared by every function's group. */
const metricFilterResources = (functions, namespace) => {
  const resources = {}
  for (const fn of functions) {
    if (!fn.logGroupId || fn.routeKeys.length === 0) continue
    for (const filter of METRIC_FILTERS) {
      resources[`${normalizedName(fn.name)}${filter.id}MetricFilter`] = {
        Type: 'AWS::Logs::MetricFilter',
        Properties: {
          LogGroupName: { Ref: fn.logGroupId },
          FilterPattern: filter.pattern,
          MetricTransformations: [
            {
              MetricNamespace: namespace,
              MetricName: filter.metricName,
              MetricValue: filter.value,
              Unit: filter.unit,
              Dimensions: [{ Key: ROUTE_DIMENSION.name, Value: ROUTE_DIMENSION.field }],
            },
          ],
        },
      }
    }
  }
  return resources
}

const build = async ({ resolveVariable }) => {
  const service = await resolveVariable('self:service')
  const stage = await resolveVariable('sls:stage')
  const settings = checkWindow(await readSettings(resolveVariable))
  const functions = await readFunctions(resolveVariable)
  const hasApi = functions.some((fn) => fn.routeKeys.length > 0)
  // The metric filters' namespace: one per stage, so two stages in one account never mix.
  const namespace = `${service}/${stage}`
  const Resources = {}
  const Outputs = {}
  if (settings.alarms) {
    Object.assign(Resources, alarmResources({ service, stage, settings, functions, hasApi }))
    Outputs.AlarmTopicArn = { Description: 'Where the alarms notify', Value: { Ref: 'AlarmTopic' } }
  }
  if (settings.dashboard) {
    Object.assign(Resources, metricFilterResources(functions, namespace))
    Resources.MonitoringDashboard = dashboardResource({
      service,
      stage,
      namespace,
      settings,
      functions,
      hasApi,
    })
    Outputs.MonitoringDashboardName = { Value: { Ref: 'MonitoringDashboard' } }
  }
  return { Resources, Outputs }
}

// osls calls the export; the tests also reach the pieces that must agree with osls.
module.exports = Object.assign(build, { normalizedName, routeKeyOf })
