import { LogFormatter, LogItem } from '@aws-lambda-powertools/logger'
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types'
import { mapStackTrace } from '../../src/lib/stack-trace.ts'

// A faster formatter than src/lib/log-formatter.ts, kept to measure whether it pays:
//   npm run bench -- --floor src/handlers/example.ts --floor-substitute \
//     src/lib/log-formatter.ts=bench/variants/one-pass-log-formatter.ts

/**
 * Writes the same lines as Powertools' default formatter, in the same key order, for less work
 * per line: the keys are copied once into the line instead of being deep-merged (each line is
 * serialised right away, so nested values need no copy), and the time zone is read once instead
 * of from `process.env.TZ` on every line. Errors get their stack frames mapped to the TypeScript
 * sources (see stack-trace.ts), since the deployed function runs without `--enable-source-maps`.
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

  /** Powertools' error object, with `stack` and `location` pointing into the sources. */
  override formatError(error: Error): LogAttributes {
    const formatted = super.formatError(error)
    const { stack } = error
    if (typeof stack === 'string') {
      const mapped = mapStackTrace(stack)
      formatted.location = this.getCodeLocation(mapped)
      // POWERTOOLS_DEV prints the stack as an array of lines.
      formatted.stack = Array.isArray(formatted.stack) ? mapped.split('\n') : mapped
    }
    return formatted
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
      // As Powertools' deepMerge: these two keys are never copied, and an undefined value does
      // not erase a base key.
      const unsafe = key === '__proto__' || key === 'constructor'
      if (!unsafe && (value !== undefined || line[key] === undefined)) {
        line[key] = value
      }
    }
    return new LogItem({ attributes: line })
  }
}
