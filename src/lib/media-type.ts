import { parse } from 'content-type'

export type BodyKind = 'json' | 'form' | 'text'

export interface MediaType {
  /** Lower-cased `type/subtype`, parameters stripped. */
  readonly type: string
  readonly kind: BodyKind
  /** WHATWG Encoding name of the charset: `utf-8` when none is given, and always for JSON. */
  readonly charset: string
}

/** Every body kind the parser knows, in the order `Accept-Post` lists them. */
export const BODY_KINDS: readonly BodyKind[] = ['json', 'form', 'text']

/** The media types each kind stands for, as `Accept-Post` and the OpenAPI document name them. */
export const MEDIA_TYPES_OF: Readonly<Record<BodyKind, readonly string[]>> = {
  json: ['application/json', 'application/*+json'],
  form: ['application/x-www-form-urlencoded'],
  text: ['text/plain', 'text/*'],
}

/** The `Accept-Post` value for an endpoint that accepts these kinds. */
export const acceptPostFor = (kinds: readonly BodyKind[]): string =>
  BODY_KINDS.filter((kind) => kinds.includes(kind))
    .flatMap((kind) => MEDIA_TYPES_OF[kind])
    .join(', ')

/** Advertised in `Accept-Post` on 415 responses by an endpoint that accepts every kind. */
export const ACCEPTED_MEDIA_TYPES = acceptPostFor(BODY_KINDS)

/**
 * The WHATWG Encoding name for a charset label, as browsers resolve it (`latin1` and `iso-8859-1`
 * mean windows-1252), or undefined for a label that names no encoding. Node's TextDecoder knows
 * every label of the standard, so the service keeps no table of its own.
 */
export const charsetName = (label: string): string | undefined => {
  try {
    return new TextDecoder(label).encoding
  } catch {
    return undefined
  }
}

/** `type/subtype` made of RFC 9110 token characters (after lower-casing). */
const MEDIA_TYPE = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+$/

const STRUCTURED_JSON = /^application\/[^/+]+\+json$/

const kindOf = (type: string): BodyKind | undefined => {
  if (type === MEDIA_TYPES_OF.json[0] || STRUCTURED_JSON.test(type)) return 'json'
  if (type === MEDIA_TYPES_OF.form[0]) return 'form'
  if (type.startsWith('text/') && type.length > 5) return 'text'
  return undefined
}

/** The charset of a form must keep `&`, `=` and `%` single bytes: UTF-16 does not. */
const SPLITS_BYTES = /^utf-16/

/**
 * Parses a Content-Type value (RFC 9110: case-insensitive type and parameter names, optional
 * whitespace around `;` and `=`, quoted values). Returns undefined for anything this service does
 * not accept: an unknown type, or a charset that names no encoding (or is UTF-16, for a form).
 */
export const parseMediaType = (header: string): MediaType | undefined => {
  const { type, parameters } = parse(header)
  const kind = kindOf(type)
  if (kind === undefined || !MEDIA_TYPE.test(type)) return undefined
  const label = parameters.charset
  // RFC 8259: JSON exchanged between systems is UTF-8, and a charset parameter "has no effect".
  if (label === undefined || kind === 'json') return { type, kind, charset: 'utf-8' }
  const charset = charsetName(label)
  if (charset === undefined || (kind === 'form' && SPLITS_BYTES.test(charset))) return undefined
  return { type, kind, charset }
}

/** A client-chosen name is echoed in a detail only when it is this plain. */
const LABEL = /^[\w.:-]{1,40}$/

/**
 * The 415 detail for a Content-Type that `parseMediaType` refused or the endpoint does not accept.
 * Names are echoed back only when they are clean tokens, so no other client-chosen text reaches
 * the response.
 */
export const unsupportedReason = (
  header: string | undefined,
  accepts: readonly BodyKind[] = BODY_KINDS,
): string => {
  const supported = `; supported: ${acceptPostFor(accepts)}`
  if (header === undefined) return `A request body needs a Content-Type header${supported}`
  const { type, parameters } = parse(header)
  const kind = kindOf(type)
  const named = MEDIA_TYPE.test(type)
  if (kind && named && accepts.includes(kind)) {
    const label = parameters.charset ?? ''
    return `charset ${LABEL.test(label) ? `'${label}' ` : ''}is not supported`
  }
  return `Content-Type ${named ? `'${type}' ` : ''}is not supported${supported}`
}
