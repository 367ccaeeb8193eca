import { parse } from 'content-type'

export type BodyKind = 'json' | 'form' | 'text'

export interface MediaType {
  /** Lower-cased `type/subtype`, parameters stripped. */
  readonly type: string
  readonly kind: BodyKind
  /** Node Buffer encoding for the declared charset (UTF-8 when none is given). */
  readonly encoding: BufferEncoding
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

// A Map, not an object literal: `charset=constructor` must not find Object's constructor.
const CHARSETS: ReadonlyMap<string, BufferEncoding> = new Map(
  Object.entries({
    'utf-8': 'utf8',
    utf8: 'utf8',
    'us-ascii': 'utf8',
    ascii: 'utf8',
    'iso-8859-1': 'latin1',
    iso_8859_1: 'latin1',
    'iso_8859-1': 'latin1',
    latin1: 'latin1',
    l1: 'latin1',
  } satisfies Record<string, BufferEncoding>),
)

/** `type/subtype` made of RFC 9110 token characters (after lower-casing). */
const MEDIA_TYPE = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+$/

const STRUCTURED_JSON = /^application\/[^/+]+\+json$/

const kindOf = (type: string): BodyKind | undefined => {
  if (type === 'application/json' || STRUCTURED_JSON.test(type)) return 'json'
  if (type === 'application/x-www-form-urlencoded') return 'form'
  if (type.startsWith('text/') && type.length > 5) return 'text'
  return undefined
}

/**
 * Parses a Content-Type value (RFC 9110: case-insensitive type and parameter names, optional
 * whitespace around `;` and `=`, quoted values). Returns undefined for anything this service does
 * not accept: an unknown type or an unknown charset.
 */
export const parseMediaType = (header: string): MediaType | undefined => {
  const { type, parameters } = parse(header)
  const kind = kindOf(type)
  if (kind === undefined || !MEDIA_TYPE.test(type)) return undefined
  const charset = parameters.charset
  const encoding = charset === undefined ? 'utf8' : CHARSETS.get(charset.toLowerCase())
  if (encoding === undefined) return undefined
  // RFC 8259: JSON exchanged between systems is UTF-8 and a charset parameter has no effect.
  return { type, kind, encoding: kind === 'json' ? 'utf8' : encoding }
}

/**
 * Why a body's Content-Type is refused, for the 415 detail. The type is echoed back only when it
 * is a clean token, so no client-chosen text beyond that reaches the response.
 */
export const unsupportedReason = (header: string | undefined): string => {
  if (header === undefined) return 'A request body needs a Content-Type header'
  const { type } = parse(header)
  return `Content-Type ${MEDIA_TYPE.test(type) ? `'${type}' ` : ''}is not supported`
}
