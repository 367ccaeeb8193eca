// API Gateway's CORS rules, as its documentation states them, for the build guard (which stops
// `package`, `deploy` and `npm start` on a configuration that must not ship) and for the tests that
// check serverless.yml and the generated template (serverless-offline does not apply them: it
// echoes any Origin).

/** `provider.httpApi.cors` as serverless.yml writes it. */
export interface CorsSettings {
  allowedOrigins?: unknown
  allowCredentials?: unknown
  allowedHeaders?: unknown
  exposedResponseHeaders?: unknown
}

const isWildcard = (origin: string): boolean => origin.includes('*')

/** `http://localhost:5173`, `http://127.0.0.1`, `http://[::1]:8080`: only this machine. */
const isLoopbackHttp = (origin: string): boolean =>
  /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(origin)

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

export interface CorsRuleOptions {
  /**
   * Let credentials go to `http://localhost`-style origins too: for `npm start`, where the browser
   * app runs on this machine. A deployed API never trusts them: any local program could serve one.
   */
  loopbackHttp?: boolean
}

/**
 * Why a CORS configuration must not ship, or undefined. With credentials, an origin the browser
 * trusts gets the user's cookies or HTTP credentials sent and may read the answer, so each must be
 * one https:// site: not a wildcard (browsers refuse `*` with credentials anyway), not `null`
 * (sandboxed iframes and `file:` pages, which any site can produce), not plain http (anyone on the
 * network path can inject script into it).
 */
export const corsProblem = (
  origins: unknown,
  credentials: unknown,
  options: CorsRuleOptions = {},
): string | undefined => {
  if (!Array.isArray(origins) || !origins.every((o) => typeof o === 'string')) {
    return `allowed origins must be a list of strings, got ${JSON.stringify(origins)}`
  }
  if (credentials !== true && credentials !== false) {
    return `allowCredentials must be true or false, got ${JSON.stringify(credentials)}`
  }
  if (!credentials) return undefined
  const wildcards = origins.filter(isWildcard)
  if (wildcards.length > 0) {
    return `allowCredentials with a wildcard origin (${wildcards.join(', ')})`
  }
  const untrusted = origins.filter(
    (origin) =>
      !/^https:\/\/[^/?#\s]+$/.test(origin) && !(options.loopbackHttp && isLoopbackHttp(origin)),
  )
  if (untrusted.length > 0) {
    return `allowCredentials with an origin that is not an https:// site (${untrusted.join(', ')}): list each browser app's https://host exactly, or set corsAllowCredentials to false`
  }
  return undefined
}

/**
 * `exposedResponseHeaders` as API Gateway gets it: the configured names, then every header an
 * endpoint declares that they lack (header names compare case-insensitively). A browser script
 * reads only exposed headers and the CORS-safelisted ones, so an endpoint's declaration is enough:
 * serverless.yml lists only what no endpoint declares (a middleware's own header).
 */
export const withDeclaredHeaders = (configured: unknown, declared: readonly string[]): string[] => {
  const names = Array.isArray(configured) ? configured.map(String) : []
  const seen = new Set(names.map((name) => name.toLowerCase()))
  for (const name of declared) {
    if (seen.has(name.toLowerCase())) continue
    seen.add(name.toLowerCase())
    names.push(name)
  }
  return names
}
