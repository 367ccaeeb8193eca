import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda'
import { createHttpHandler, type HttpHandlerOptions } from '../../src/lib/http-handler.ts'
import { createLogger } from '../../src/lib/logger.ts'
import type { ParsedBody } from '../../src/lib/types.ts'
import { createContext, context as defaultContext } from './context.ts'
import { buildEvent, type EventInput } from './events.ts'
import { captureOutput } from './output.ts'

export type Result = APIGatewayProxyStructuredResultV2
type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<Result>

/** Invokes a handler with its log output captured (and discarded unless asked for). */
export const invoke = async (
  fn: Handler,
  event: APIGatewayProxyEventV2,
  context = defaultContext,
) => {
  const { result } = await captureOutput(() => fn(event, context))
  return result
}

export interface Outcome {
  response: Result
  /** Whether the business function ran, and the parsed body it was given. */
  called: boolean
  body: ParsedBody
  context: Context
}

/** A silent handler whose business function records each parsed body it is given. */
export const recordingHandler = (options: HttpHandlerOptions = {}) => {
  const seen: ParsedBody[] = []
  const fn = createHttpHandler(
    ({ body }) => {
      seen.push(body)
      return { message: 'ok' }
    },
    { logger: createLogger({ logLevel: 'SILENT' }), ...options },
  )
  // The logger is silent, so there is no output to capture. A fresh context per call keeps long
  // runs (the property tests) away from the early-timeout.
  const send = async (
    event: APIGatewayProxyEventV2,
    context = createContext(),
  ): Promise<Outcome> => {
    const before = seen.length
    const response = await fn(event, context)
    return { response, called: seen.length > before, body: seen.at(-1), context }
  }
  const parse = (input: EventInput) => send(buildEvent(input))
  return { fn, send, parse }
}

export const problemOf = (response: Result): Record<string, unknown> => {
  if (response.headers?.['content-type'] !== 'application/problem+json') {
    throw new Error(`not a problem response: ${JSON.stringify(response)}`)
  }
  return JSON.parse(response.body ?? '') as Record<string, unknown>
}
