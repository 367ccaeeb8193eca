import { LogFormatter, LogItem } from '@aws-lambda-powertools/logger'
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types'
import { mapStackTrace } from './stack-trace.ts'

/**
 * Powertools' default line format with one change: errors get their stack frames mapped to the
 * TypeScript sources (see stack-trace.ts), since the deployed function runs without
 * `--enable-source-maps`. Only `formatError` is this project's; `formatAttributes` is what
 * Powertools' PowertoolsLogFormatter does (base keys, then its LogItem merge), restated because
 * the package does not export that class. A faster one-pass version measured 0.98× per warm
 * request and no cold-start gain (`npm run bench` with `--floor-substitute`, docs/performance.md),
 * short of what a replacement must buy (≥ 1 ms cold or ≥ 10 % warm), so Powertools' way is kept.
 */
export class ServiceLogFormatter extends LogFormatter {
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
    return new LogItem({
      attributes: {
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
      },
    }).addAttributes(additional)
  }
}
