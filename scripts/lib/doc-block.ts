// The docs hold the figures of the last full runs between marker comments, and only the commands
// that measure them write there: `npm run bench -- --readme` and `npm run test:load -- --readme`
// (docs/performance.md), `npm run properties -- --readme` (docs/reliability.md).
import { readFileSync, writeFileSync } from 'node:fs'

const markers = (name: string) => [`<!-- ${name}:begin -->`, `<!-- ${name}:end -->`] as const

/** `text` with what lies between the two markers of block `name` replaced by `content`. */
export const replaceBlock = (text: string, name: string, content: string): string => {
  const [begin, end] = markers(name)
  const from = text.indexOf(begin)
  const to = text.indexOf(end)
  if (from === -1 || to < from || text.indexOf(begin, from + 1) !== -1) {
    throw new Error(`the document needs exactly one '${begin}' … '${end}' block`)
  }
  return `${text.slice(0, from + begin.length)}\n${content.trim()}\n${text.slice(to)}`
}

/**
 * Rewrites block `name` of `file`. Refused inside `node --test` (which sets NODE_TEST_CONTEXT for
 * its children): test runs use tiny counts, and their figures must never reach the docs.
 */
export const writeDocBlock = (file: string, name: string, content: string): void => {
  if (process.env.NODE_TEST_CONTEXT !== undefined) {
    throw new Error(`refusing to rewrite ${file} from a test run (NODE_TEST_CONTEXT is set)`)
  }
  writeFileSync(file, replaceBlock(readFileSync(file, 'utf8'), name, content))
}
