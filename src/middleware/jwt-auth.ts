import { createError } from '@middy/util'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { type Claims, normalizeClaims, scopesOf } from '../lib/claims.ts'
import type { HttpEvent, HttpMiddleware } from '../lib/types.ts'

/** Who sent a request that the gateway's JWT authorizer verified. */
export interface AuthContext<C = Claims> {
  /** The `sub` claim. */
  subject: string
  /** Every scope the token grants. */
  scopes: readonly string[]
  /** The verified claims in one shape (see `normalizeClaims`), or the claims schema's output. */
  claims: C
}

export interface JwtAuthOptions {
  /** Every one of them must be granted (stricter than the gateway, which wants any one). */
  scopes?: readonly string[]
  /** Checks the normalised claims; a failure is a 403. */
  claims?: StandardSchemaV1
  /** Where each admitted request's AuthContext goes, keyed by its event. */
  contexts?: WeakMap<object, AuthContext<unknown>>
}

const defaults: Required<Omit<JwtAuthOptions, 'claims'>> & Pick<JwtAuthOptions, 'claims'> = {
  scopes: [],
  claims: undefined,
  contexts: new WeakMap(),
}

// Middy's createError only honours `cause` in its properties, so headers are set after.
const withHeaders = <E extends Error>(error: E, headers: Record<string, string>) =>
  Object.assign(error, { headers })

// RFC 6749 §3.3 scope-token: printable ASCII but space, `"` and `\`. Nothing else can be quoted
// safely in the 403's WWW-Authenticate, or sent in a token's space-separated `scope` claim.
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The authorizer's part of the event; `jwt` is absent on a route without a JWT authorizer. */
const jwtOf = (event: HttpEvent): { claims?: unknown; scopes?: unknown } | undefined => {
  const authorizer: unknown = (event.requestContext as { authorizer?: unknown } | undefined)
    ?.authorizer
  return isRecord(authorizer) && isRecord(authorizer.jwt) ? authorizer.jwt : undefined
}

/**
 * Defence in depth behind API Gateway's JWT authorizer, which has verified the token (signature,
 * issuer, audience, expiry) and the route's scopes before Lambda runs. Should a route ship without
 * its authorizer, or with other scopes, the endpoint still refuses: 401 without verified claims,
 * 403 (RFC 6750 `insufficient_scope`) when a scope is missing or the claims fail their schema.
 * Neither answer nor its log line repeats a claim value. It runs before the body is read.
 */
export const jwtAuth = (options: JwtAuthOptions = {}): HttpMiddleware => {
  const { scopes: required, claims: schema, contexts } = { ...defaults, ...options }
  for (const scope of required) {
    if (!SCOPE_TOKEN.test(scope)) {
      throw new TypeError(
        `Scope ${JSON.stringify(scope)} is not an RFC 6749 scope-token: printable ASCII without spaces, '"' or '\\'`,
      )
    }
  }
  const unauthorized = () =>
    withHeaders(createError(401, 'A valid bearer token is required'), {
      'www-authenticate': 'Bearer',
    })
  // RFC 6750 §3: the scope attribute lists the scopes needed, space-separated.
  const challenge = `Bearer error="insufficient_scope", scope="${required.join(' ')}"`
  const insufficient = (detail: string) =>
    withHeaders(createError(403, detail), { 'www-authenticate': challenge })

  const jwtAuthBefore: HttpMiddleware['before'] = async (request) => {
    const jwt = jwtOf(request.event)
    if (!isRecord(jwt?.claims)) throw unauthorized()
    const claims = normalizeClaims(jwt.claims)
    const subject = claims.sub
    if (typeof subject !== 'string' || subject === '') throw unauthorized()
    // For the request summary: who was let in, or refused below.
    request.internal.sub = subject
    const scopes = scopesOf(claims, jwt.scopes)
    if (!required.every((scope) => scopes.includes(scope))) {
      throw insufficient(`The token does not grant the scope this endpoint requires`)
    }
    let checked: unknown = claims
    if (schema) {
      const result = await schema['~standard'].validate(claims)
      if (result.issues) throw insufficient(`The token's claims do not meet this endpoint's needs`)
      checked = result.value
    }
    contexts.set(request.event, { subject, scopes, claims: checked })
  }

  return { before: jwtAuthBefore }
}
