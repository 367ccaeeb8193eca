import { createError } from '@middy/util'
import { bodyFacts } from '../lib/body-facts.ts'
import type { HttpMiddleware } from '../lib/types.ts'

export interface HttpBodyLimitOptions {
  /** Largest accepted decoded body, in bytes. */
  maxBytes?: number
}

const defaults: Required<HttpBodyLimitOptions> = { maxBytes: 1024 * 1024 }

/** Rejects an oversized body with 413 from its length alone, before anything decodes or parses it. */
export const httpBodyLimit = (options: HttpBodyLimitOptions = {}): HttpMiddleware => {
  const { maxBytes } = { ...defaults, ...options }
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw new TypeError(`httpBodyLimit: maxBytes must be a non-negative integer, got ${maxBytes}`)
  }

  const httpBodyLimitBefore: HttpMiddleware['before'] = (request) => {
    const { bytes } = bodyFacts(request)
    if (bytes > maxBytes) {
      throw createError(413, `Request body is ${bytes} bytes; the limit is ${maxBytes} bytes`)
    }
  }

  return { before: httpBodyLimitBefore }
}
