import { partsOf, type RequestParts } from '../http/validate-input.ts'
import type { HttpMiddleware } from '../lib/types.ts'

export interface ValidateRequestOptions {
  /** The endpoint's validation step (createValidator): every schema, one 422 for all failures. */
  validate: (parts: RequestParts) => Promise<RequestParts>
  /**
   * Where the schemas' outputs go, keyed by the event: Middy hands its handler only the event, so
   * this is how the outputs reach the business function past the endpoint's own middlewares.
   */
  valid: WeakMap<object, RequestParts>
}

/** Validates path, query and body against the endpoint's schemas: 422 listing each invalid field. */
export const validateRequest = ({ validate, valid }: ValidateRequestOptions): HttpMiddleware => {
  const validateRequestBefore: HttpMiddleware['before'] = async (request) => {
    valid.set(request.event, await validate(partsOf(request.event)))
  }
  return { before: validateRequestBefore }
}
