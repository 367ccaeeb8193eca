import { createError } from '@middy/util'
import type { HttpMiddleware } from '../lib/types.ts'

export interface DynamodbErrorsOptions {
  /** The status a failed condition expression answers, one the endpoint declares (409 or 412). */
  conditionFailed?: number
  /** Seconds a client is asked to wait after throttling or an outage (`Retry-After`). */
  retryAfterSeconds?: number
}

const defaults: Required<DynamodbErrorsOptions> = { conditionFailed: 409, retryAfterSeconds: 1 }

// Still failing after the client's retries: the table or the service is busy or down, which a
// client may retry later; anything else is a defect of ours.
const UNAVAILABLE = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'InternalServerError',
  'TimeoutError',
  'RequestTimeout',
  'ECONNREFUSED',
  'ECONNRESET',
])

const CONDITION_FAILED = 'ConditionalCheckFailedException'

type SdkError = Error & { code?: string; $metadata?: { requestId?: string } }

const isSdkError = (error: unknown): error is SdkError =>
  error instanceof Error && ('$metadata' in error || 'code' in error)

/**
 * What an AWS SDK (DynamoDB) error answers, or undefined for a value that is none. The message
 * names the error and the AWS request id for the one log line; the client sees neither (5xx never
 * show their message), nor the table, key or item the SDK's own message may carry.
 */
export const dynamodbAnswer = (
  error: unknown,
  options: DynamodbErrorsOptions = {},
): Error | undefined => {
  if (!isSdkError(error)) return undefined
  const { conditionFailed, retryAfterSeconds } = { ...defaults, ...options }
  const name = error.code && UNAVAILABLE.has(error.code) ? error.code : error.name
  const said = `DynamoDB ${name} (AWS request ${error.$metadata?.requestId ?? 'none'})`
  if (name === CONDITION_FAILED) {
    return createError(conditionFailed, 'The resource changed or exists; read it again', {
      cause: said,
    })
  }
  if (UNAVAILABLE.has(name)) {
    // Middy's createError only honours `cause` and `expose`, so the header is set after.
    return Object.assign(createError(503, said, { expose: true }), {
      headers: { 'retry-after': String(retryAfterSeconds) },
    })
  }
  return new Error(said, { cause: error })
}

/**
 * Turns an AWS SDK error into its answer: 503 with Retry-After for throttling and outages, the
 * endpoint's status for a failed condition, any other a 500 whose one ERROR line names the error
 * and the AWS request id. Custom because Middy's error handler would expose an SDK error's own
 * `statusCode`-less message only as a bare 500, and throttling is a client's cue to retry.
 */
export const dynamodbErrors = (options: DynamodbErrorsOptions = {}): HttpMiddleware => {
  const settings = { ...defaults, ...options }
  const dynamodbErrorsOnError: HttpMiddleware['onError'] = (request) => {
    const answer = dynamodbAnswer(request.error, settings)
    if (answer) request.error = answer
  }
  return { onError: dynamodbErrorsOnError }
}
