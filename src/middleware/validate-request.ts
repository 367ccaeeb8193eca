import { partsOf, type RequestParts } from '../http/validate-input.ts'
import type { HttpMiddleware } from '../lib/types.ts'

export interface ValidateRequestOptions {
  /** The endpoint's validation step (createValidator): every schema, one 422 for all failures. */
  validate: (parts: RequestParts) => Promise<RequestParts>
}

// Middy hands its handler only the event, so the schemas' outputs reach the business function,
// past the endpoint's own middlewares, keyed by the event: one map serves every endpoint.
const valid = new WeakMap<object, RequestParts>()

/** The schemas' outputs for an event validateRequest let through; undefined for any other. */
export const validatedParts = (event: object): RequestParts | undefined => valid.get(event)

/** Validates path, query and body against the endpoint's schemas: 422 listing each invalid field. */
export const validateRequest = ({ validate }: ValidateRequestOptions): HttpMiddleware => {
  const validateRequestBefore: HttpMiddleware['before'] = async (request) => {
    valid.set(request.event, await validate(partsOf(request.event)))
  }
  return { before: validateRequestBefore }
}
