import { Logger } from '@aws-lambda-powertools/logger'
import type { ConstructorOptions } from '@aws-lambda-powertools/logger/types'
import { ServiceLogFormatter } from './log-formatter.ts'

/**
 * Keys whose values are credentials, wherever they appear in a log line, in any casing: headers
 * (`authorization`, `x-auth-token`, `x-amz-security-token`, `x-hub-signature-256`,
 * `x-amzn-oidc-data`, cookies), query parameters (`access_token`, `code`, `X-Amz-Signature`), and
 * `rawQueryString`, which repeats them. A verified token's claims and scopes (`jwt` in the event,
 * `auth.claims` in business code) are personal data; the subject is logged as the summary's `sub`.
 * The expression runs on the key's lowercase form: a case-insensitive one costs more to compile
 * at its first use, on the cold start's first log line (0.46 ms more CPU to the first response,
 * paired median of 30 fresh processes).
 */
const SECRET_KEY =
  /auth|token|secret|signature|credential|api-?key|session|csrf|password|cookie|oidc|^(jwt|claims|code|rawquerystring)$/

// A URL's userinfo (`https://user:pass@host`) in any string: an error message, a logged URL.
const URL_CREDENTIALS = /\/\/[^\s/?#@]+@/g

export const REDACTED = '[REDACTED]'

// The replacer sees every key of every line, nearly always the same few dozen, so a key's verdict
// is remembered (a third of the expression's cost); at most 1,024 keys, so that arbitrary keys (a
// logged body's) cannot grow it.
const keyVerdicts = new Map<string, boolean>()
const isSecretKey = (key: string): boolean => {
  let secret = keyVerdicts.get(key)
  if (secret === undefined) {
    const lower = key.toLowerCase()
    secret = SECRET_KEY.test(lower)
    if (keyVerdicts.size < 1024) keyVerdicts.set(key, secret)
  }
  return secret
}

/**
 * Redaction lives in the logger's JSON replacer rather than in each call site, so a secret cannot
 * reach a log line through any path: the event log, a business `logger.info({ headers })`, or an
 * error that carries request data. A key without a value (an event with `cookies: undefined`)
 * stays without one: the line shows what was sent, and nothing that was not.
 */
export const redactSecrets = (key: string, value: unknown): unknown =>
  value == null || key === ''
    ? value
    : isSecretKey(key)
      ? REDACTED
      : // Userinfo needs an `@`: most strings are cleared by one scan instead of the expression.
        typeof value === 'string' && value.includes('@')
        ? value.replace(URL_CREDENTIALS, `//${REDACTED}@`)
        : value

// Distributes over the union, so its mutually exclusive options stay exclusive.
type WithoutFormat<T> = T extends unknown ? Omit<T, 'logFormatter' | 'logRecordOrder'> : never

/** Everything but the line format, which is the service's own (same lines, less work). */
export type LoggerOptions = WithoutFormat<ConstructorOptions>

/** Service name, level, sampling and event logging come from the POWERTOOLS_* environment. */
export const createLogger = (options: LoggerOptions = {}): Logger =>
  new Logger({ ...options, logFormatter: new ServiceLogFormatter(), jsonReplacerFn: redactSecrets })

export const logger = createLogger()
