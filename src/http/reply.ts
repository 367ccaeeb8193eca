import type { ResponseDeclaration, Schema } from './endpoint.ts'

// A business function answers plain data with its endpoint's default status, or a Reply made by
// the `respond` it is given. The brand is a symbol so that no data, parsed JSON included, can pass
// for a Reply at run time.
export const REPLY: unique symbol = Symbol('reply')

/** A success response the business function chose per request: status, body and extra headers. */
export interface Reply<Status extends number = number> {
  readonly [REPLY]: Status
  readonly body: unknown
  readonly headers: Readonly<Record<string, string>> | undefined
}

export const respond = <Status extends number>(
  status: Status,
  body?: unknown,
  headers?: Readonly<Record<string, string>>,
): Reply<Status> => ({ [REPLY]: status, body, headers })

/**
 * The body schema of a `responses` entry, which is a schema itself or `{ body, headers }`: one
 * reading for the response check and for openapi.json.
 */
export const bodySchemaOf = (
  entry: Schema | ResponseDeclaration | null | undefined,
): Schema | undefined => (entry && '~standard' in entry ? entry : (entry?.body ?? undefined))
