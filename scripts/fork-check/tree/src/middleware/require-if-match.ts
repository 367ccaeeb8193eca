import { createError, type EndpointMiddleware } from '#http'

export interface RequireIfMatchOptions {
  /** Status for a request without If-Match: 428 Precondition Required (RFC 6585). */
  status?: number
}

const defaults: Required<RequireIfMatchOptions> = { status: 428 }

/**
 * Refuses a write without `If-Match`, so that no client overwrites a change it never saw (lost
 * update); the business function compares the tag with what it stores (412 on a mismatch).
 */
export const requireIfMatch = (options: RequireIfMatchOptions = {}): EndpointMiddleware => {
  const { status } = { ...defaults, ...options }

  const requireIfMatchBefore: EndpointMiddleware['before'] = (request) => {
    if (!request.event.headers['if-match']) {
      throw createError(status, 'If-Match header required: send the version you read')
    }
  }

  return { before: requireIfMatchBefore }
}
