import type { Request } from '@middy/core'
import type { Context } from 'aws-lambda'
import type { HttpEvent, HttpInternal, HttpResult } from '../../src/lib/types.ts'
import { context as defaultContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'

export type HttpRequest = Request<HttpEvent, HttpResult, unknown, Context, HttpInternal>

/** The request object Middy hands to middleware hooks, for calling a hook directly. */
export const middyRequest = (
  event: HttpEvent = buildEvent(),
  overrides: Partial<HttpRequest> = {},
): HttpRequest => ({
  event,
  context: defaultContext,
  response: undefined,
  error: undefined,
  internal: {},
  ...overrides,
})
