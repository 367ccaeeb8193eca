type FieldType = 'string' | 'number' | 'boolean'

export declare const FUNCTION_LOG_FIELDS: Readonly<Record<string, FieldType>>
export declare const ACCESS_LOG_FIELDS: Readonly<Record<string, FieldType>>

export interface MetricFilter {
  id: string
  metricName: string
  pattern: string
  value: string
  unit: string
}
export declare const METRIC_FILTERS: readonly MetricFilter[]
export declare const ROUTE_DIMENSION: Readonly<{ name: string; field: string }>

export interface Query {
  source: 'function' | 'access'
  title: string
  query: string
}
export declare const QUERIES: Readonly<Record<string, Query>>
