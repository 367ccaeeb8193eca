/**
 * An item's key with its owner in it: `pk` names the owner, `sk` the item. A read that forgot to
 * check ownership finds nothing, never someone else's row; the caller answers 404.
 */
export const ownedKey = (owner: string, kind: string, id: string) => ({
  pk: `owner#${owner}`,
  sk: `${kind}#${id}`,
})

/** `"3"` for version 3: the ETag of an item with a numeric `version` attribute (strong). */
export const etagOf = (version: number): string => `"${version}"`

/**
 * The version an `If-Match` names, or undefined when it names none this service issued: a weak
 * tag, `*`, a list or garbage never match (RFC 9110 §13.1.1: If-Match compares strongly).
 */
export const versionOf = (ifMatch: string): number | undefined => {
  const match = /^\s*"(\d{1,15})"\s*$/.exec(ifMatch)
  return match?.[1] === undefined ? undefined : Number(match[1])
}
