import { isUtf8 } from 'node:buffer'

// Node's base64 decoder skips characters it does not know; API Gateway always sends padded
// standard base64, so anything else is a corrupted or forged body.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

export const isStrictBase64 = (text: string): boolean => text.length % 4 === 0 && BASE64.test(text)

/** Bytes a body stands for, without decoding it: base64 length arithmetic, or UTF-8 length. */
export const bodyByteLength = (
  body: string | undefined | null,
  isBase64Encoded = false,
): number => {
  if (!body) return 0
  if (!isBase64Encoded) return Buffer.byteLength(body, 'utf8')
  let padding = 0
  if (body.endsWith('==')) padding = 2
  else if (body.endsWith('=')) padding = 1
  return Math.max(0, Math.floor((body.length * 3) / 4) - padding)
}

export class BodyDecodeError extends Error {
  override name = 'BodyDecodeError'
}

/**
 * Turns the raw event body into text in the declared charset. Plain bodies are already text
 * (API Gateway decoded them); base64 bodies are checked strictly and, for UTF-8, must be valid
 * UTF-8 rather than silently getting U+FFFD replacement characters.
 */
export const decodeBodyText = (
  body: string,
  isBase64Encoded: boolean,
  encoding: BufferEncoding,
): string => {
  if (!isBase64Encoded) return body
  if (!isStrictBase64(body)) throw new BodyDecodeError('Body is not valid base64')
  const bytes = Buffer.from(body, 'base64')
  if (encoding === 'utf8' && !isUtf8(bytes)) throw new BodyDecodeError('Body is not valid UTF-8')
  return bytes.toString(encoding)
}
