import { Logger } from '@aws-lambda-powertools/logger'
import type { ConstructorOptions } from '@aws-lambda-powertools/logger/types'
import { ServiceLogFormatter } from './log-formatter.ts'

/** Keys whose values are credentials or token claims; compared lower-cased, wherever they appear in a log line. */
export const REDACTED_KEYS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'cookies',
  'set-cookie',
  'x-api-key',
  // A verified token's claims and scopes (requestContext.authorizer.jwt in the event, `auth.claims`
  // in business code): personal data. Only the subject is logged, as `sub` on the request summary.
  'jwt',
  'claims',
])

export const REDACTED = '[REDACTED]'

/**
 * Redaction lives in the logger's JSON replacer rather than in each call site, so a secret header
 * cannot reach a log line through any path: the event log, a business `logger.info({ headers })`,
 * or an error that carries request data. A key without a value (an event with `cookies:
 * undefined`) stays without one: the line shows what was sent, and nothing that was not.
 */
export const redactSecrets = (key: string, value: unknown): unknown =>
  value !== undefined && value !== null && key !== '' && REDACTED_KEYS.has(key.toLowerCase())
    ? REDACTED
    : value

// Distributes over the union, so its mutually exclusive options stay exclusive.
type WithoutFormat<T> = T extends unknown ? Omit<T, 'logFormatter' | 'logRecordOrder'> : never

/** Everything but the line format, which is the service's own (same lines, less work). */
export type LoggerOptions = WithoutFormat<ConstructorOptions>

/** Service name, level, sampling and event logging come from the POWERTOOLS_* environment. */
export const createLogger = (options: LoggerOptions = {}): Logger =>
  new Logger({ ...options, logFormatter: new ServiceLogFormatter(), jsonReplacerFn: redactSecrets })

export const logger = createLogger()
