import type { Context } from 'aws-lambda'

export interface ContextFixture extends Partial<Context> {
  /** Time left before the Lambda deadline when the context is created (default 29 s). */
  remainingMs?: number
  /**
   * The clock the deadline is read against (default Date.now). A frozen clock (`() => 0`) makes
   * `getRemainingTimeInMillis()` return exactly `remainingMs` whenever it is asked.
   */
  now?: () => number
}

/** A Lambda context like the Node.js runtime's, with a controllable deadline. */
export const createContext = (overrides: ContextFixture = {}): Context => {
  const { remainingMs = 29_000, now = Date.now, ...rest } = overrides
  const deadline = now() + remainingMs
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'example-service-test-example',
    functionVersion: '$LATEST',
    invokedFunctionArn:
      'arn:aws:lambda:eu-central-1:123456789012:function:example-service-test-example',
    memoryLimitInMB: '256',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: '/aws/lambda/example-service-test-example',
    logStreamName: '2026/11/29/[$LATEST]abcdef0123456789',
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    ...rest,
  }
}

export const context = createContext()
