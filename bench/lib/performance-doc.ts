import { fileURLToPath } from 'node:url'

/** Where `--readme` writes the bench and load figures. */
export const PERFORMANCE_DOC = fileURLToPath(new URL('../../docs/performance.md', import.meta.url))
