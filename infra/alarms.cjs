'use strict'

// CloudWatch alarms after AWS's recommended alarms for Lambda and API Gateway, all notifying one
// SNS topic per stage, on ALARM and again on OK. A quiet API sends no data points, which counts
// as fine (TreatMissingData: notBreaching), so a stage nobody calls never alarms.

/** HTTP API stage of an osls httpApi: always `$default` (the generated HttpApiStage). */
const API_STAGE = '$default'

const { tableAlarms } = require('./data-monitoring.cjs')

const topicResources = ({ service, stage, settings }) => {
  const resources = {
    AlarmTopic: {
      Type: 'AWS::SNS::Topic',
      Properties: { TopicName: `${service}-${stage}-alarms`, DisplayName: `${service} ${stage}` },
    },
  }
  // The address comes from the stage's params at deploy time and is never committed.
  if (settings.subscription) {
    resources.AlarmTopicSubscription = {
      Type: 'AWS::SNS::Subscription',
      Properties: { TopicArn: { Ref: 'AlarmTopic' }, ...settings.subscription },
    }
  }
  return resources
}

/** What every alarm shares: its topic both ways, its evaluation window, quiet = OK. */
const common = ({ service, stage, settings }, suffix, description) => ({
  AlarmName: `${service}-${stage}-${suffix}`,
  AlarmDescription: `${description} See docs/operations.md.`,
  ActionsEnabled: true,
  AlarmActions: [{ Ref: 'AlarmTopic' }],
  OKActions: [{ Ref: 'AlarmTopic' }],
  EvaluationPeriods: settings.evaluationPeriods,
  DatapointsToAlarm: settings.datapointsToAlarm,
  TreatMissingData: 'notBreaching',
})

const alarm = (properties) => ({ Type: 'AWS::CloudWatch::Alarm', Properties: properties })

// Metric names and the FunctionName dimension: AWS/Lambda as documented in
// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
// (Errors and Throttles are invocation metrics, Duration a performance metric, in milliseconds).
const functionAlarms = (input, fn) => {
  const { settings } = input
  const id = fn.lambdaId.replace(/LambdaFunction$/, '')
  const lambdaMetric = (metricName) => ({
    Namespace: 'AWS/Lambda',
    MetricName: metricName,
    Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn.lambdaId } }],
    Period: settings.period,
  })
  const timeoutMs = fn.timeoutSeconds * 1000
  return {
    [`${id}ErrorsAlarm`]: alarm({
      ...common(input, `${fn.name}-errors`, `Function ${fn.name} failed invocations.`),
      ...lambdaMetric('Errors'),
      Statistic: 'Sum',
      Threshold: settings.functionErrors,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    }),
    [`${id}ThrottlesAlarm`]: alarm({
      ...common(input, `${fn.name}-throttles`, `Lambda refused invocations of ${fn.name}.`),
      ...lambdaMetric('Throttles'),
      Statistic: 'Sum',
      Threshold: settings.functionThrottles,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    }),
    [`${id}DurationAlarm`]: alarm({
      ...common(
        input,
        `${fn.name}-duration-p99`,
        `p99 duration of ${fn.name} above ${settings.durationShare} of its ${fn.timeoutSeconds} s timeout.`,
      ),
      ...lambdaMetric('Duration'),
      ExtendedStatistic: 'p99',
      Threshold: Math.round(timeoutMs * settings.durationShare),
      ComparisonOperator: 'GreaterThanThreshold',
    }),
  }
}

// HTTP API metric names (`5xx`, `Count`, `Latency`; not the REST API's `5XXError`) and the
// ApiId + Stage dimensions, as documented in
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
const apiMetric = (metricName) => ({
  Namespace: 'AWS/ApiGateway',
  MetricName: metricName,
  Dimensions: [
    { Name: 'ApiId', Value: { Ref: 'HttpApi' } },
    { Name: 'Stage', Value: API_STAGE },
  ],
})

const apiAlarms = (input) => {
  const { settings } = input
  const sum = (id, metricName) => ({
    Id: id,
    MetricStat: { Metric: apiMetric(metricName), Period: settings.period, Stat: 'Sum' },
    ReturnData: false,
  })
  return {
    HttpApi5xxRateAlarm: alarm({
      ...common(
        input,
        'api-5xx-rate',
        `Share of requests answered 5xx above ${settings.api5xxRate}.`,
      ),
      // A rate, not a count: 5xx / Count. A minute without 5xx data points counts none.
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
      Threshold: settings.api5xxRate,
      ComparisonOperator: 'GreaterThanThreshold',
    }),
    HttpApiLatencyAlarm: alarm({
      ...common(input, 'api-latency-p99', `API p99 latency above ${settings.apiLatencyP99Ms} ms.`),
      ...apiMetric('Latency'),
      Period: settings.period,
      ExtendedStatistic: 'p99',
      Threshold: settings.apiLatencyP99Ms,
      ComparisonOperator: 'GreaterThanThreshold',
    }),
  }
}

/** The topic, three alarms per function and two for the API (when it has routes). */
const alarmResources = (input) => {
  const resources = topicResources(input)
  for (const fn of input.functions) Object.assign(resources, functionAlarms(input, fn))
  if (input.hasApi) Object.assign(resources, apiAlarms(input))
  const tableCommon = (suffix, description) => common(input, suffix, description)
  Object.assign(resources, tableAlarms(input, tableCommon, alarm))
  return resources
}

module.exports = { alarmResources, apiMetric, API_STAGE }
