// Stands in for node:crypto in the bundle (esbuild.config.cjs `alias`). Powertools Logger imports
// node:crypto only for `randomInt`, to draw its debug-sampling decision; loading node:crypto
// costs ~9 ms of a cold start (it compiles ~20 internal modules) and sampling needs no
// cryptographic randomness. Importing any other name than these two fails the build.
/** An integer in [min, max), like node:crypto's randomInt(min, max). */
export const randomInt = (min: number, max: number): number =>
  min + Math.floor(Math.random() * (max - min))

/**
 * node:crypto's own createHash, loaded on its first call (`getBuiltinModule` is no import, so the
 * alias leaves it alone): only a bundle that hashes, Powertools idempotency's keys, pays for it.
 */
export const createHash: typeof import('node:crypto').createHash = (...args) =>
  process.getBuiltinModule('node:crypto').createHash(...args)
