import { type Logger, LogLevelThreshold } from '@aws-lambda-powertools/logger'
import type { HttpMiddleware } from '../lib/types.ts'

export interface LogEventOptions {
  logger: Logger
  /** Log the event at INFO (body left out) even when DEBUG is off; defaults to POWERTOOLS_LOGGER_LOG_EVENT. */
  logEvent?: boolean
}

// Powertools' own wording, so the line reads the same as its `logEvent` one.
const MESSAGE = 'Lambda invocation event'

/**
 * Replaces Powertools' own `logEvent`, which prints the raw event (body included) at INFO. Here
 * the body only appears at DEBUG; credential headers and cookies are masked by the logger's
 * replacer at every level. (The chain's `injectLambdaContext` runs with `logEvent: false`.)
 */
export const logEvent = (options: LogEventOptions): HttpMiddleware => {
  const { logger } = options
  const logAtInfo = options.logEvent ?? logger.shouldLogEvent()

  const logEventBefore: HttpMiddleware['before'] = ({ event }) => {
    // The level is re-read per request: sampling can switch DEBUG on for a single invocation.
    // `level` is a number; getLevelName() searches the level table on every call.
    if (logger.level <= LogLevelThreshold.DEBUG) {
      logger.debug(MESSAGE, { event })
    } else if (logAtInfo) {
      const { body, ...rest } = event
      logger.info(MESSAGE, {
        event: { ...rest, body: body === undefined ? undefined : '[omitted below DEBUG]' },
      })
    }
  }

  return { before: logEventBefore }
}
