'use strict'

// The one source of every log field, metric filter and Logs Insights query the monitoring uses:
// infra/monitoring.cjs builds the metric filters and the dashboard from it, docs/operations.md
// shows its queries verbatim (tests/infra/log-queries.test.ts compares them), and the same test
// runs the service and checks every field named here against the lines it really writes. A field
// renamed in src/ or here, without the other, fails that test. CommonJS because osls `require`s
// the generator that imports this file (the package is "type": "module").

/**
 * Fields of the lines the function writes (Powertools Logger, src/middleware/request-log.ts), with
 * the JSON type each has on a `request completed` line, or on an ERROR line for `error.*`.
 */
const FUNCTION_LOG_FIELDS = Object.freeze({
  level: 'string',
  message: 'string',
  correlation_id: 'string',
  function_request_id: 'string',
  cold_start: 'boolean',
  'http.method': 'string',
  'http.routeKey': 'string',
  'http.status': 'number',
  'http.durationMs': 'number',
  'error.name': 'string',
  'error.message': 'string',
})

/**
 * Fields of the API's access log (provider.logs.httpApi.format in serverless.yml); API Gateway
 * writes every value as a quoted string.
 */
const ACCESS_LOG_FIELDS = Object.freeze({
  requestId: 'string',
  routeKey: 'string',
  status: 'string',
  integrationStatus: 'string',
  integrationErrorMessage: 'string',
})

const COMPLETED = 'request completed'

/**
 * Per-route figures from the `request completed` line. The route key, not the raw path, is the
 * only dimension: one metric per route and name, however many distinct paths clients send.
 */
const METRIC_FILTERS = Object.freeze([
  {
    id: 'Requests',
    metricName: 'Requests',
    pattern: `{ $.message = "${COMPLETED}" }`,
    value: '1',
    unit: 'Count',
  },
  {
    id: 'ClientErrors',
    metricName: '4xx',
    pattern: `{ $.message = "${COMPLETED}" && $.http.status >= 400 && $.http.status < 500 }`,
    value: '1',
    unit: 'Count',
  },
  {
    id: 'ServerErrors',
    metricName: '5xx',
    pattern: `{ $.message = "${COMPLETED}" && $.http.status >= 500 }`,
    value: '1',
    unit: 'Count',
  },
  {
    id: 'Duration',
    metricName: 'Duration',
    pattern: `{ $.message = "${COMPLETED}" }`,
    value: '$.http.durationMs',
    unit: 'Milliseconds',
  },
])

/** The one dimension of every metric filter: name and the field its value comes from. */
const ROUTE_DIMENSION = Object.freeze({ name: 'Route', field: '$.http.routeKey' })

/**
 * Logs Insights queries. `source` says which log groups they run on: the functions' groups or
 * the API's access-log group. The dashboard shows the first two; docs/operations.md shows all.
 */
const QUERIES = Object.freeze({
  statusCounts: {
    source: 'function',
    title: 'Requests by route and status',
    query: [
      'fields http.routeKey, http.status',
      `filter message = "${COMPLETED}"`,
      'stats count(*) as requests by http.routeKey, http.status',
      'sort requests desc',
    ].join('\n| '),
  },
  slowest: {
    source: 'function',
    title: 'Slowest requests',
    query: [
      'fields @timestamp, http.routeKey, http.status, http.durationMs, correlation_id, cold_start',
      `filter message = "${COMPLETED}"`,
      'sort http.durationMs desc',
      'limit 20',
    ].join('\n| '),
  },
  serverErrors: {
    source: 'function',
    title: '5xx answers with their correlation id',
    query: [
      'fields @timestamp, correlation_id, http.method, http.routeKey, http.status, http.durationMs',
      `filter message = "${COMPLETED}" and http.status >= 500`,
      'sort @timestamp desc',
      'limit 100',
    ].join('\n| '),
  },
  errorLines: {
    source: 'function',
    title: 'ERROR lines and what the runtime reported',
    query: [
      'fields @timestamp, correlation_id, function_request_id, error.name, error.message, @message',
      'filter level = "ERROR" or @message like /Task timed out|Runtime\\.\\w+|Invoke Error/',
      'sort @timestamp desc',
      'limit 100',
    ].join('\n| '),
  },
  throttled: {
    source: 'access',
    title: 'Requests refused with 429 (stage throttling or Lambda throttles)',
    query: [
      'fields @timestamp, requestId, routeKey, status, integrationStatus, integrationErrorMessage',
      'filter status = "429" or integrationStatus = "429"',
      'sort @timestamp desc',
      'limit 100',
    ].join('\n| '),
  },
  durationByRoute: {
    source: 'function',
    title: 'Duration in the function by route',
    query: [
      'fields http.routeKey, http.durationMs',
      `filter message = "${COMPLETED}"`,
      'stats count(*) as requests, pct(http.durationMs, 50) as p50, pct(http.durationMs, 99) as p99 by http.routeKey',
      'sort p99 desc',
    ].join('\n| '),
  },
})

module.exports = {
  FUNCTION_LOG_FIELDS,
  ACCESS_LOG_FIELDS,
  METRIC_FILTERS,
  ROUTE_DIMENSION,
  QUERIES,
}
