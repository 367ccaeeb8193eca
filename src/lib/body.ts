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

const dropBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)

/**
 * Turns the body into text in its charset (a WHATWG Encoding name). A plain event body is already
 * text (API Gateway decoded it); a base64 one is checked strictly, and bytes (base64 or
 * content-decoded) that are invalid in the charset are an error rather than U+FFFD. A byte order
 * mark at the start is dropped (RFC 8259 §8.1), as TextDecoder itself does for UTF-8 and UTF-16.
 */
export const decodeBodyText = (
  body: string | Buffer,
  isBase64Encoded: boolean,
  charset: string,
): string => {
  if (typeof body === 'string' && !isBase64Encoded) return dropBom(body)
  const bytes = typeof body === 'string' ? base64Bytes(body) : body
  if (charset === 'utf-8') {
    // Not TextDecoder: Buffer's UTF-8 check and decode are the faster pair on the common path.
    if (!isUtf8(bytes)) throw new BodyDecodeError('Body is not valid UTF-8')
    return dropBom(bytes.toString('utf8'))
  }
  try {
    return new TextDecoder(charset, { fatal: true }).decode(bytes)
  } catch {
    throw new BodyDecodeError(`Body is not valid ${charset}`)
  }
}

/** The bytes of a base64 body, which must be padded standard base64. */
export const base64Bytes = (body: string): Buffer => {
  if (!isStrictBase64(body)) throw new BodyDecodeError('Body is not valid base64')
  return Buffer.from(body, 'base64')
}
