import { isUtf8 } from 'node:buffer'

const paddingOf = (text: string): number => (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0)

/**
 * Whether `bytes`, Node's decoding of `text`, came from padded standard base64 (API Gateway
 * always sends that, so anything else is a corrupted or forged body). Node's decoder is lenient:
 * it skips characters it does not know, which shortens the output, and reads `-`, `_` and the low
 * byte of any non-ASCII character as digits, which does not. So the length check plus a search
 * for those three stands for the regular expression `^[A-Za-z0-9+/]*={0,2}$`, at a quarter of
 * its cost (which on a 64 KiB body was as much as parsing the JSON).
 */
const decodedStrictly = (text: string, bytes: Buffer): boolean =>
  text.length % 4 === 0 &&
  bytes.length === (text.length / 4) * 3 - paddingOf(text) &&
  !text.includes('-') &&
  !text.includes('_') &&
  Buffer.byteLength(text, 'utf8') === text.length

export const isStrictBase64 = (text: string): boolean =>
  decodedStrictly(text, Buffer.from(text, 'base64'))

/** Bytes a body stands for, without decoding it: base64 length arithmetic, or UTF-8 length. */
export const bodyByteLength = (
  body: string | undefined | null,
  isBase64Encoded = false,
): number => {
  if (!body) return 0
  if (!isBase64Encoded) return Buffer.byteLength(body, 'utf8')
  return Math.max(0, Math.floor((body.length * 3) / 4) - paddingOf(body))
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
  const bytes = Buffer.from(body, 'base64')
  if (!decodedStrictly(body, bytes)) throw new BodyDecodeError('Body is not valid base64')
  return bytes
}
