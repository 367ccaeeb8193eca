// API Gateway hands a JWT authorizer's claims to the function with every value turned into a
// string (numbers "1796453600", lists "[admins buyers]", booleans "true"); serverless-offline hands
// over the token's JSON as is. Both become one shape here, so a claims schema is written once.

/** A claim as the business function and a claims schema see it. */
export type ClaimValue = string | number | boolean | string[] | Record<string, unknown>
export type Claims = Readonly<Record<string, ClaimValue>>

/** RFC 7519 and OIDC times: seconds since the epoch, as numbers. */
export const TIME_CLAIMS: ReadonlySet<string> = new Set(['exp', 'iat', 'nbf', 'auth_time'])
/** OIDC's boolean claims. */
export const BOOLEAN_CLAIMS: ReadonlySet<string> = new Set([
  'email_verified',
  'phone_number_verified',
])

// AWS writes a list as Go prints a slice: "[a b c]", one space apart. A string claim that looks like
// one cannot be told apart, so it becomes a list too.
const AWS_LIST = /^\[(.*)\]$/s

const normalizeValue = (key: string, value: unknown): ClaimValue | undefined => {
  if (TIME_CLAIMS.has(key)) {
    const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
    return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds : undefined
  }
  if (BOOLEAN_CLAIMS.has(key)) {
    if (value === true || value === 'true') return true
    if (value === false || value === 'false') return false
    return undefined
  }
  if (Array.isArray(value)) return value.map(String)
  if (typeof value === 'string') {
    const list = AWS_LIST.exec(value)
    return list ? (list[1] ?? '').split(' ').filter(Boolean) : value
  }
  // Any other number or boolean is a string, as AWS delivers it.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (typeof value === 'object' && value !== null) return value as Record<string, unknown>
  return undefined
}

/**
 * The one shape of verified claims, from AWS's strings or offline's JSON: time claims are
 * numbers, OIDC's boolean claims booleans, lists (`aud`, `cognito:groups`, `scp`, …) arrays of
 * strings, every other value a string. A value that fits none of that (an `exp` that is no number)
 * is left out. Object claims stay objects offline; AWS flattens them into unreadable strings.
 */
export const normalizeClaims = (raw: Readonly<Record<string, unknown>>): Claims => {
  // A null prototype: offline's JSON claims may hold a `__proto__` key, which on a plain object
  // would become its prototype and lend it inherited `sub` and `scope` claims.
  const claims: Record<string, ClaimValue> = Object.create(null)
  for (const [key, value] of Object.entries(raw)) {
    const normalized = normalizeValue(key, value)
    if (normalized !== undefined) claims[key] = normalized
  }
  return claims
}

const asList = (value: ClaimValue | undefined, separator: RegExp): string[] => {
  if (Array.isArray(value)) return value
  return typeof value === 'string' ? value.split(separator).filter(Boolean) : []
}

/**
 * The token's scopes: the authorizer's `scopes` (AWS fills it and may drop the `scope` claim),
 * the OAuth 2.0 `scope` claim and the `scp` claim (a list, or a string), without repeats.
 *
 * RFC 6749 §3.3 separates scopes by SP (U+0020) alone, as serverless-offline splits them; any
 * other character, a tab, NBSP or U+3000 included, is part of a scope and can only fail to match.
 * An `scp` string may also separate them by commas, as some issuers write it.
 */
export const scopesOf = (claims: Claims, authorizerScopes: unknown): string[] => {
  const fromAuthorizer = Array.isArray(authorizerScopes) ? authorizerScopes.map(String) : []
  const all = [...fromAuthorizer, ...asList(claims.scope, / /), ...asList(claims.scp, /[ ,]/)]
  return [...new Set(all)]
}
