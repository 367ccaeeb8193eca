// The prototype-pollution guard of @middy/util's `jsonParseProtectProto` is a JSON.parse reviver,
// and any reviver takes V8 off its fast JSON.parse path: ~9× slower on a 64 KiB body. These two
// functions let a parser call plain JSON.parse for the bodies that cannot need the guard, and
// keep the reviver for the few that might (standalone, so the scan could go upstream).

/**
 * `__proto__`, `constructor`, or a `\u` escape of `_` or a lowercase ASCII letter (U+005F,
 * U+0060–U+007F: a superset), the only escapes that can spell a character of either word. Case
 * is ignored, which only adds harmless matches. Escapes of other characters (`\u00e9` from
 * Python's `ensure_ascii`, Go's `\u003c`) do not match. One pass of the regular expression engine
 * over the text, no allocation (figures: bench/json-guard.ts).
 */
const SUSPICIOUS = /__proto__|constructor|\\u00(?:5f|[67].)/i

/**
 * Whether the JSON text may hold a key the stock guard forbids: `__proto__`, or `constructor`
 * (whose value holding `prototype` is what the guard refuses). False means it certainly holds
 * none, so `JSON.parse(text)` gives exactly what the guarded parse gives.
 *
 * Why that is sound: a JSON key is its raw characters with escapes undone. Escapes other than
 * `\uXXXX` stand for `"`, `\`, `/` or control characters, none of them in either word. So a key
 * that reads `__proto__` or `constructor` either contains a `\u` escape of a letter or `_`, or
 * appears literally in the text. Text inside string values can match too; that only sends the
 * body to the careful path.
 */
export const mayHoldForbiddenKey = (text: string): boolean => SUSPICIOUS.test(text)

/**
 * Deepest nesting of arrays and objects a JSON body may have. The reviver-based stock parser
 * overflows the stack at ~2,300 levels (an accidental limit); this one holds on every path.
 */
export const MAX_JSON_DEPTH = 2000

/**
 * Whether a parsed JSON value nests arrays and objects more than `maxDepth` levels deep. JSON.parse
 * itself accepts any depth (it is not recursive), but recursive code handed such a value later
 * (JSON.stringify, validators, the reviver) overflows the stack. Recursion is safe here: it stops
 * at `maxDepth` levels.
 */
export const nestedDeeperThan = (value: unknown, maxDepth: number): boolean => {
  if (typeof value !== 'object' || value === null) return false
  if (maxDepth <= 0) return true
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (nestedDeeperThan(value[i], maxDepth - 1)) return true
    }
    return false
  }
  for (const key in value) {
    if (nestedDeeperThan((value as Record<string, unknown>)[key], maxDepth - 1)) return true
  }
  return false
}
