// `#http/auth`: what an endpoint that needs a token imports. Kept out of `#http`, so an endpoint
// without `auth` bundles none of this.
import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { Claims } from '../lib/claims.ts'
import type { HttpEvent, HttpMiddleware } from '../lib/types.ts'
import { type AuthContext, jwtAuth } from '../middleware/jwt-auth.ts'

export type { Claims, ClaimValue } from '../lib/claims.ts'
export type { AuthContext } from '../middleware/jwt-auth.ts'

/**
 * An endpoint's `auth`: what it requires, and itself the middleware that checks it, which the
 * chain runs before the body is read.
 */
export interface AuthRequirement<C = Claims> extends HttpMiddleware {
  /** Scopes the token must grant, every one (also the route's `authorizer.scopes`). */
  readonly scopes: readonly string[]
  /** Schema the normalised claims must pass, if any. */
  readonly claims?: StandardSchemaV1
  /** The admitted request's identity; only valid once `middleware` let the request through. */
  contextOf(event: HttpEvent): AuthContext<C>
}

type ClaimsOf<S> = S extends StandardSchemaV1 ? StandardSchemaV1.InferOutput<S> : Claims

/**
 * `auth: requireAuth({ scopes: ['orders:write'] })`, optionally with `claims`: a Standard Schema
 * for the claims the business function uses, which then get its output type. A scope that is no
 * RFC 6749 scope-token (printable ASCII without space, `"` or `\`) throws here, naming it.
 */
export function requireAuth<S extends StandardSchemaV1 | undefined = undefined>(options: {
  scopes: readonly string[]
  claims?: S
}): AuthRequirement<ClaimsOf<S>> {
  const contexts = new WeakMap<object, AuthContext<unknown>>()
  const scopes = [...options.scopes]
  return {
    ...jwtAuth({ scopes, claims: options.claims, contexts }),
    scopes,
    claims: options.claims,
    contextOf(event) {
      const context = contexts.get(event)
      if (!context) throw new Error('requireAuth: no admitted request for this event')
      return context as AuthContext<ClaimsOf<S>>
    },
  }
}
