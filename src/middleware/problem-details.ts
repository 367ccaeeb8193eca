import { STATUS_CODES } from 'node:http'
import type { Logger } from '@aws-lambda-powertools/logger'
import { fieldsOf, logProblem } from '../lib/log-problem.ts'
import type { InvalidField } from '../lib/schema-issues.ts'
import type { HttpMiddleware } from '../lib/types.ts'

export interface ProblemDetailsOptions {
  /**
   * Writes the response's one WARN (4xx) or ERROR (5xx) line, about the value keepThrown kept;
   * none without it.
   */
  logger?: Logger | false
}

// The headers an error may put on its problem response: what a client needs to authenticate, fix
// or retry the request. Never others (`set-cookie`, hop-by-hop, an upstream's internals).
const ERROR_HEADERS = /^(www-authenticate|accept-(post|encoding)|allow|retry-after|location)$/i

/**
 * The status a problem response is sent with: the one the stock error handler settled when it is
 * an integer 400–599 (a thrown 599 stays 599), anything else 500 (a thrown 600, a 3xx).
 */
export const problemStatusOf = (settled: unknown): number =>
  Number.isInteger(settled) && (settled as number) >= 400 && (settled as number) <= 599
    ? (settled as number)
    : 500

export interface ProblemDocument {
  type: string
  title: string
  status: number
  detail: string
  requestId?: string
  /** Each invalid field of a 422: where it is (`pointer` or `parameter`) and what is wrong. */
  errors?: InvalidField[]
}

// RFC 9110 renamed these two; Node's STATUS_CODES still has the RFC 7231 phrases.
const TITLES: Readonly<Record<number, string>> = {
  413: 'Content Too Large',
  422: 'Unprocessable Content',
}

const exposed = (error: unknown): Pick<ProblemDocument, 'detail' | 'errors'> | undefined => {
  const { expose, message, errors } = fieldsOf(error)
  if (expose !== true || typeof message !== 'string' || message === '') return undefined
  return Array.isArray(errors) ? { detail: message, errors } : { detail: message }
}

/**
 * The one place that finishes an error response, after the stock error handler settled its status
 * (Middy's `expose` rule) and headers: it applies the 400–599 rule, writes the one log line with
 * that status, and renders the body as RFC 9457 `application/problem+json`. A 5xx never shows its
 * message: the stock handler exposes some 5xx, and those messages can carry internals.
 */
export const problemDetails = (options: ProblemDetailsOptions = {}): HttpMiddleware => {
  const { logger } = options

  const problemDetailsOnError: HttpMiddleware['onError'] = (request) => {
    const { response, error, event, context, internal } = request
    const status = problemStatusOf(response?.statusCode)
    // The stock handler replaces an unexposed error with its generic 500; the line needs the
    // thrown one, which keepThrown keeps (its onError runs for every error of the chain).
    if (logger) logProblem(logger, status, internal.thrown)
    const title = TITLES[status] ?? STATUS_CODES[status] ?? 'Error'
    const shown = status < 500 ? exposed(error) : undefined
    const problem: ProblemDocument = {
      type: 'about:blank',
      title,
      status,
      detail: shown?.detail ?? title,
      // `event?.`: onError also runs for a null event that the event guard refused.
      requestId: event?.requestContext?.requestId ?? context.awsRequestId,
    }
    if (shown?.errors) problem.errors = shown.errors

    const headers: Record<string, string | number | boolean> = {}
    for (const [name, value] of Object.entries(response?.headers ?? {})) {
      if (ERROR_HEADERS.test(name)) headers[name.toLowerCase()] = value
    }
    headers['content-type'] = 'application/problem+json'

    request.response = { statusCode: status, headers, body: JSON.stringify(problem) }
  }

  return { onError: problemDetailsOnError }
}
