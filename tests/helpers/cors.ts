// API Gateway's CORS rules, as its documentation states them, for checks on serverless.yml and
// the generated template (serverless-offline does not apply them: it echoes any Origin).

/** `provider.httpApi.cors` as serverless.yml writes it. */
export interface CorsSettings {
  allowedOrigins?: unknown
  allowCredentials?: unknown
  allowedHeaders?: unknown
  exposedResponseHeaders?: unknown
}

const isWildcard = (origin: string): boolean => origin.includes('*')

/**
 * Whether API Gateway answers a request from `origin` with Access-Control-Allow-Origin: an exact
 * origin, `*`, or a scheme wildcard (`https://*`, `http://*`).
 */
export const allowsOrigin = (allowOrigins: readonly string[], origin: string): boolean =>
  allowOrigins.some(
    (allowed) =>
      allowed === '*' ||
      allowed === origin ||
      (allowed.endsWith('://*') && origin.startsWith(allowed.slice(0, -1))),
  )

/**
 * Why a CORS configuration must not ship, or undefined. Credentials with a wildcard origin would
 * let any site send the user's cookies or HTTP credentials and read the answer; browsers refuse
 * `*` with credentials anyway, so it is a mistake either way.
 */
export const corsProblem = (origins: unknown, credentials: unknown): string | undefined => {
  if (!Array.isArray(origins) || !origins.every((o) => typeof o === 'string')) {
    return `allowed origins must be a list of strings, got ${JSON.stringify(origins)}`
  }
  if (credentials !== true && credentials !== false) {
    return `allowCredentials must be true or false, got ${JSON.stringify(credentials)}`
  }
  const wildcards = origins.filter(isWildcard)
  if (credentials && wildcards.length > 0) {
    return `allowCredentials with a wildcard origin (${wildcards.join(', ')})`
  }
  return undefined
}
