// Stands in for node:crypto in the bundle (esbuild.config.cjs `alias`). Powertools Logger imports
// node:crypto only for `randomInt`, to draw its debug-sampling decision; loading node:crypto
// costs ~9 ms of a cold start (it compiles ~20 internal modules) and sampling needs no
// cryptographic randomness. Importing any other name from node:crypto fails the build.
/** An integer in [min, max), like node:crypto's randomInt(min, max). */
export const randomInt = (min: number, max: number): number =>
  min + Math.floor(Math.random() * (max - min))
