const positiveInteger = (name: string, fallback: number): number => {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const value = Number(raw)
  // A typo here must fail the cold start loudly, not silently lift the limit.
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive integer, got '${raw}'`)
  }
  return value
}

/**
 * Largest decoded request body. Default 1 MiB; API Gateway caps HTTP API payloads at 10 MB and
 * Lambda synchronous events at 6 MB, and base64 grows a body by 4/3, so keep it under ~4.4 MiB.
 */
export const bodyLimitBytes = (): number => positiveInteger('BODY_LIMIT_BYTES', 1024 * 1024)

/** Time kept back before the Lambda deadline to answer 504 ourselves instead of being killed. */
export const timeoutMarginMs = (): number => positiveInteger('TIMEOUT_MARGIN_MS', 500)

/**
 * Whether a response body is checked against its declared schema (on unless the environment says
 * `RESPONSE_VALIDATION=false`, for a stage that measured the cost and chose to drop it).
 */
export const responseValidation = (): boolean => process.env.RESPONSE_VALIDATION !== 'false'
