'use strict'

// The table's alarms and dashboard widgets, for a service whose functions declare `data:`
// (infra/data.cjs). Metric names and dimensions: AWS/DynamoDB as documented in
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html
// (ReadThrottleEvents, WriteThrottleEvents and ConditionalCheckFailedRequests per TableName;
// SystemErrors per TableName and Operation). What to do when one fires: docs/operations.md.

const { TABLE_ID } = require('./data.cjs')

const table = { Name: 'TableName', Value: { Ref: TABLE_ID } }
const metric = (metricName, operation) => ({
  Namespace: 'AWS/DynamoDB',
  MetricName: metricName,
  Dimensions: operation ? [table, { Name: 'Operation', Value: operation }] : [table],
})

/** The operations the functions call: SystemErrors is only reported per operation. */
const operationsOf = (functions) => [...new Set(functions.flatMap((fn) => fn.data ?? []))].sort()

const usesData = (functions) => operationsOf(functions).length > 0

/** Throttled requests and system errors, each a sum over the table's metrics. */
const tableAlarms = ({ settings, functions }, common, alarm) => {
  if (!usesData(functions)) return {}
  const sum = (id, m) => ({
    Id: id,
    MetricStat: { Metric: m, Period: settings.period, Stat: 'Sum' },
    ReturnData: false,
  })
  const total = (label, metrics) => [
    ...metrics.map((m, i) => sum(`m${i}`, m)),
    {
      Id: 'total',
      Expression: metrics.map((_, i) => `FILL(m${i}, 0)`).join(' + '),
      Label: label,
      ReturnData: true,
    },
  ]
  return {
    DataTableThrottlesAlarm: alarm({
      ...common(
        'table-throttles',
        'DynamoDB throttled requests to the table (the clients got 503).',
      ),
      Metrics: total('throttle events', [
        metric('ReadThrottleEvents'),
        metric('WriteThrottleEvents'),
      ]),
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    }),
    DataTableSystemErrorsAlarm: alarm({
      ...common('table-system-errors', 'DynamoDB answered requests to the table with 500s.'),
      Metrics: total(
        'system errors',
        operationsOf(functions).map((operation) => metric('SystemErrors', operation)),
      ),
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    }),
  }
}

/** Throttling, errors, conditional-check failures (a rate, on the dashboard only) and capacity. */
const tableWidgets = ({ functions }, graph, line) => {
  if (!usesData(functions)) return []
  const operations = operationsOf(functions)
  return [
    graph('Table: throttle events', [
      line(metric('ReadThrottleEvents'), { label: 'read' }),
      line(metric('WriteThrottleEvents'), { label: 'write' }),
    ]),
    graph(
      'Table: system errors',
      operations.map((operation) => line(metric('SystemErrors', operation), { label: operation })),
    ),
    // Expected traffic (a stale If-Match, a duplicate create), so a rate to watch, not an alarm.
    graph('Table: conditional-check failures per write', [
      line(metric('ConditionalCheckFailedRequests'), { id: 'failed', visible: false }),
      ...['PutItem', 'UpdateItem', 'DeleteItem']
        .filter((operation) => operations.includes(operation))
        .map((operation, i) =>
          line(
            { ...metric('SuccessfulRequestLatency', operation) },
            { id: `w${i}`, stat: 'SampleCount', visible: false },
          ),
        ),
      [{ expression: 'FILL(failed, 0) / SUM(METRICS("w"))', label: 'failed share', id: 'rate' }],
    ]),
    graph('Table: consumed capacity units', [
      line(metric('ConsumedReadCapacityUnits'), { label: 'read' }),
      line(metric('ConsumedWriteCapacityUnits'), { label: 'write' }),
    ]),
  ]
}

module.exports = { operationsOf, tableAlarms, tableWidgets }
