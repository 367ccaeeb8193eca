import { LogFormatter, LogItem } from '@aws-lambda-powertools/logger'
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types'

// Top-level keys Powertools' own formatter never copies into a line (its deepMerge skips them).
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor'])

/**
 * Writes the same lines as Powertools' default formatter, in the same key order, for less work
 * per line: the keys are copied once into the line instead of being deep-merged (each line is
 * serialised right away, so nested values need no copy), and the time zone is read once instead
 * of from `process.env.TZ` on every line.
 */
export class ServiceLogFormatter extends LogFormatter {
  // Lambda sets TZ=:UTC; another zone keeps Powertools' offset timestamps.
  readonly #utc: boolean

  constructor() {
    super()
    const zone = process.env.TZ?.trim()
    this.#utc = !zone || zone.includes('UTC')
  }

  override formatTimestamp(now: Date): string {
    return this.#utc ? now.toISOString() : super.formatTimestamp(now)
  }

  override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const context = attributes.lambdaContext
    const line: LogAttributes = {
      level: attributes.logLevel,
      message: attributes.message,
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      cold_start: context?.coldStart,
      function_arn: context?.invokedFunctionArn,
      function_memory_size: context?.memoryLimitInMB,
      function_name: context?.functionName,
      function_request_id: context?.awsRequestId,
      sampling_rate: attributes.sampleRateValue,
      xray_trace_id: attributes.xRayTraceId,
      tenant_id: context?.tenantId,
    }
    for (const key of Object.keys(additional)) {
      const value = additional[key]
      // As deepMerge: an undefined value does not erase a base key.
      if (!UNSAFE_KEYS.has(key) && (value !== undefined || line[key] === undefined)) {
        line[key] = value
      }
    }
    return new LogItem({ attributes: line })
  }
}
