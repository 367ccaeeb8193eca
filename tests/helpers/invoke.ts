import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda'
import type { FunctionConfig } from '../../scripts/lib/serverless-config.ts'
import { buildOpenApi } from '../../scripts/openapi/document.ts'
import { createHttpHandler } from '../../src/http/create-http-handler.ts'
import type { Endpoint } from '../../src/http/endpoint.ts'
import { createLogger } from '../../src/lib/logger.ts'
import type { HttpEvent, ParsedBody } from '../../src/lib/types.ts'
import { createContext, context as defaultContext } from '../fixtures/context.ts'
import { handler as fixture, ok } from '../fixtures/endpoint.ts'
import { buildEvent, type EventInput } from '../fixtures/events.ts'
import { type OpenApiDocument, responseChecker } from './openapi.ts'
import { captureOutput } from './output.ts'

export type Result = APIGatewayProxyStructuredResultV2
type Handler = (event: HttpEvent, context: Context) => Promise<Result>

/** Invokes a handler with its log output captured (and discarded unless asked for). */
export const invoke = async (fn: Handler, event: HttpEvent, context = defaultContext) => {
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

/** The chain's settings a test may change: everything but the business function and `auth`. */
export type ChainOptions = Omit<Endpoint, 'handler' | 'auth'>

/** The fixture endpoint's function block, as serverless.yml would declare it. */
export const FIXTURE_FUNCTION: FunctionConfig = {
  name: 'fixture',
  handler: 'tests/fixtures/endpoint.handler',
  module: 'tests/fixtures/endpoint.ts',
  exportName: 'handler',
  routes: [{ method: 'POST', path: '/fixture', routeKey: 'POST /fixture' }],
}

const checkResponse = responseChecker(
  (await buildOpenApi({ functions: [FIXTURE_FUNCTION] })) as unknown as OpenApiDocument,
)

/** Asserts that a response is one the OpenAPI document describes for the fixture endpoint. */
export const assertDocumented = (response: Result): void =>
  checkResponse(FIXTURE_FUNCTION.routes[0]?.routeKey ?? '', response)

/**
 * The fixture endpoint's chain (its declaration, a silent logger) around a business function that
 * records each parsed body it is given. Unless a test changes the request side of the
 * declaration, every response is checked against what its OpenAPI description documents.
 */
export const recordingHandler = (options: ChainOptions = {}) => {
  const seen: ParsedBody[] = []
  const fn = createHttpHandler({
    auth: 'public',
    handler: ({ body }) => {
      seen.push(body)
      return ok()
    },
    response: { headers: fixture.endpoint.headers },
    logger: createLogger({ logLevel: 'SILENT' }),
    ...options,
  })
  // The logger is silent, so there is no output to capture. A fresh context per call keeps long
  // runs (the property tests) away from the early-timeout.
  const send = async (
    event: APIGatewayProxyEventV2,
    context = createContext(),
  ): Promise<Outcome> => {
    const before = seen.length
    const response = await fn(event, context)
    if (!options.request) assertDocumented(response)
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
