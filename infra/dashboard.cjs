'use strict'

// The stage's CloudWatch dashboard: the API as API Gateway counts it, each route as the
// `request completed` lines count it (metric filters, see log-queries.cjs), each function as
// Lambda counts it, and two Logs Insights tables over the functions' own lines. The body is a
// Fn::Sub string, so `${Logical}` names the deployed function, API and log groups.

const { apiMetric } = require('./alarms.cjs')
const { tableWidgets } = require('./data-monitoring.cjs')
const { QUERIES } = require('./log-queries.cjs')

const WIDTH = 8
// Fn::Sub's reference to a logical id or pseudo parameter.
const sub = (name) => `\${${name}}`
const HEIGHT = 6

const graph = (title, metrics, extra = {}) => ({
  type: 'metric',
  width: WIDTH,
  height: HEIGHT,
  properties: {
    title,
    view: 'timeSeries',
    region: sub('AWS::Region'),
    stat: 'Sum',
    period: 60,
    metrics,
    ...extra,
  },
})

const threshold = (label, value) => ({ annotations: { horizontal: [{ label, value }] } })

/** A metric line: [namespace, name, dimension, value, ..., options] as the dashboard body wants. */
const line = ({ Namespace, MetricName, Dimensions }, options) => [
  Namespace,
  MetricName,
  ...Dimensions.flatMap((d) => [d.Name, typeof d.Value === 'string' ? d.Value : sub(d.Value.Ref)]),
  options,
]

const apiWidgets = ({ settings }) => [
  graph('API: requests, 4xx, 5xx', [
    line(apiMetric('Count'), { label: 'requests' }),
    line(apiMetric('4xx'), { label: '4xx' }),
    line(apiMetric('5xx'), { label: '5xx' }),
  ]),
  graph(
    'API: 5xx rate',
    [
      [{ expression: 'FILL(errors, 0) / requests', label: '5xx rate', id: 'rate' }],
      line(apiMetric('5xx'), { id: 'errors', visible: false }),
      line(apiMetric('Count'), { id: 'requests', visible: false }),
    ],
    threshold('alarm', settings.api5xxRate),
  ),
  graph(
    'API: latency p50 / p99',
    [
      line(apiMetric('Latency'), { stat: 'p50', label: 'p50' }),
      line(apiMetric('Latency'), { stat: 'p99', label: 'p99' }),
    ],
    threshold('alarm', settings.apiLatencyP99Ms),
  ),
]

const routeWidgets = ({ namespace, functions }) => {
  const routeKeys = [...new Set(functions.flatMap((fn) => fn.routeKeys))]
  const perRoute = (metricName, options) =>
    routeKeys.map((route) => [namespace, metricName, 'Route', route, { ...options(route) }])
  return [
    graph(
      'Routes: requests',
      perRoute('Requests', (route) => ({ label: route })),
    ),
    graph('Routes: 4xx and 5xx', [
      ...perRoute('4xx', (route) => ({ label: `${route} 4xx` })),
      ...perRoute('5xx', (route) => ({ label: `${route} 5xx` })),
    ]),
    graph('Routes: duration in the function p50 / p99 (ms)', [
      ...perRoute('Duration', (route) => ({ stat: 'p50', label: `${route} p50` })),
      ...perRoute('Duration', (route) => ({ stat: 'p99', label: `${route} p99` })),
    ]),
  ]
}

// AWS/Lambda metric names and the FunctionName dimension, as in
// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
const functionWidgets = ({ settings, functions }) =>
  functions.flatMap((fn) => {
    const lambda = (metricName, options) => [
      'AWS/Lambda',
      metricName,
      'FunctionName',
      sub(fn.lambdaId),
      options,
    ]
    return [
      graph(`${fn.name}: errors`, [lambda('Errors', { label: 'errors' })]),
      graph(`${fn.name}: throttles`, [lambda('Throttles', { label: 'throttles' })]),
      graph(
        `${fn.name}: duration p50 / p99 (ms)`,
        [
          lambda('Duration', { stat: 'p50', label: 'p50' }),
          lambda('Duration', { stat: 'p99', label: 'p99' }),
        ],
        threshold('alarm', Math.round(fn.timeoutSeconds * 1000 * settings.durationShare)),
      ),
    ]
  })

const logWidgets = ({ functions }) => {
  const sources = functions
    .filter((fn) => fn.logGroupId)
    .map((fn) => `SOURCE '${sub(fn.logGroupId)}'`)
    .join(' | ')
  if (sources === '') return []
  return [QUERIES.statusCounts, QUERIES.slowest].map(({ title, query }) => ({
    type: 'log',
    width: 12,
    height: HEIGHT,
    properties: {
      title,
      region: sub('AWS::Region'),
      view: 'table',
      query: `${sources} | ${query}`,
    },
  }))
}

/** Lays the widgets out left to right, 24 columns a row. */
const place = (widgets) => {
  let x = 0
  let y = 0
  return widgets.map((widget) => {
    if (x + widget.width > 24) {
      x = 0
      y += HEIGHT
    }
    const placed = { ...widget, x, y }
    x += widget.width
    return placed
  })
}

const dashboardResource = (input) => {
  const widgets = [
    ...(input.hasApi ? apiWidgets(input) : []),
    ...(input.hasApi ? routeWidgets(input) : []),
    ...functionWidgets(input),
    ...tableWidgets(input, graph, line),
    ...logWidgets(input),
  ]
  return {
    Type: 'AWS::CloudWatch::Dashboard',
    Properties: {
      DashboardName: `${input.service}-${input.stage}`,
      DashboardBody: { 'Fn::Sub': JSON.stringify({ widgets: place(widgets) }) },
    },
  }
}

module.exports = { dashboardResource }
