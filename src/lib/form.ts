/**
 * node:querystring (inside the stock urlencode parser, which takes no options) stops after 1000
 * `&`-separated pairs and silently drops the rest. Such forms are refused instead, as Express's
 * body-parser does.
 */
export const MAX_FORM_PAIRS = 1000

export const tooManyPairs = (text: string): boolean => {
  let separators = 0
  for (let at = text.indexOf('&'); at !== -1; at = text.indexOf('&', at + 1)) {
    if (++separators >= MAX_FORM_PAIRS) return true
  }
  return false
}

const PERCENT_ESCAPE = /%([0-9a-fA-F]{2})/g

/** %XX is byte XX, and in ISO-8859-1 byte XX is U+00XX; `unescape` would also take %uXXXX. */
export const decodeLatin1 = (text: string): string =>
  text.replace(PERCENT_ESCAPE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))

const ASCII_RUN = /[^\u0080-\uffff]+/g

/**
 * node:querystring's `decodeURIComponent` for a form in a charset other than UTF-8 (the stock
 * parser decodes escapes as UTF-8 only). Escapes are bytes in the form's charset, as browsers
 * write them, and a character may span an escape and a plain ASCII byte (Shift_JIS `%83A`), so
 * each ASCII run is unescaped to bytes and decoded whole; other characters were decoded with the
 * body. Bytes invalid in the charset become U+FFFD, as the stock parser does for UTF-8.
 */
export const formDecoder = (charset: string): ((text: string) => string) => {
  const decoder = new TextDecoder(charset)
  return (text) =>
    text.replace(ASCII_RUN, (run) => decoder.decode(Buffer.from(decodeLatin1(run), 'latin1')))
}
