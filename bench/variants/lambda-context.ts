import type { Logger } from '@aws-lambda-powertools/logger'
import type { HttpMiddleware } from '../../src/lib/types.ts'

// A stand-in for Powertools' `injectLambdaContext`, kept to measure whether it pays:
//   npm run bench -- --floor src/handlers/example.ts --floor-substitute \
//     @aws-lambda-powertools/logger/middleware=bench/variants/lambda-context.ts

/**
 * What Powertools' `injectLambdaContext(logger, { logEvent: false, resetKeys: true })` does for
 * this chain, through the logger's public methods: per invocation, the sampling decision (which
 * also puts back the configured level) and the Lambda context for every line, and the keys
 * appended during the invocation cleared after it, whatever its outcome. It leaves out what the
 * chain does not use and Powertools' version pays for on every request: a copy of
 * `request.internal` carrying a cleanup hook for other Powertools middlewares that return early,
 * and log buffering (`logBufferOptions`; with it, use Powertools' middleware, which flushes).
 */
export const injectLambdaContext = (logger: Logger, _options?: unknown): HttpMiddleware => {
  const lambdaContextBefore: HttpMiddleware['before'] = ({ context }) => {
    logger.refreshSampleRateCalculation()
    logger.addContext(context)
  }

  const lambdaContextAfter: HttpMiddleware['after'] = () => {
    logger.resetKeys()
  }

  return { before: lambdaContextBefore, after: lambdaContextAfter, onError: lambdaContextAfter }
}
