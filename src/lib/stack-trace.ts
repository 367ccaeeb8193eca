import { readFileSync } from 'node:fs'
import type { SourceMap, SourceMapping } from 'node:module'

// `--enable-source-maps` makes Node read and parse every bundle's map when it loads it, on every
// cold start, for stack traces that are only wanted when something fails. Here the map is read
// the first time a stack through that file is logged, and kept for the life of the process.

/**
 * V8's frame in a JavaScript file: `    at name (/path.js:line:column)` or `    at /path.js:…`,
 * the name possibly `async f` or `new F`. Bundles are CommonJS: absolute paths, no file:// URLs.
 */
const FRAME = /^\s+at (?:(.+?) \()?(\/.+?\.[cm]?js):(\d+):(\d+)\)?$/

// One entry per generated file seen in a stack: its map, or null when it has none, so a missing
// map is looked for only once. Bounded: an error message can contain text that looks like frames.
const maps = new Map<string, SourceMap | null>()

const sourceMapOf = (file: string): SourceMap | null | undefined => {
  if (maps.has(file)) return maps.get(file)
  let map: SourceMap | null = null
  try {
    // esbuild writes a linked map next to its output: <file>.map.
    const payload = JSON.parse(readFileSync(`${file}.map`, 'utf8'))
    // node:module is fetched here, not imported, so that nothing about maps costs the cold start.
    const { SourceMap } = process.getBuiltinModule('node:module')
    map = new SourceMap(payload)
  } catch {
    // No readable map: the frames of this file stay as they are.
  }
  if (maps.size < 64) maps.set(file, map)
  return map
}

interface Frame {
  /** V8's function name: minified for local functions. */
  name: string | undefined
  file: string
  /** `src/handlers/example.ts:5:11` */
  origin: string
  /** The identifier written at this position in the source: for a caller, the callee's name. */
  calls: string | undefined
}

const frameOf = (text: string): Frame | undefined => {
  const match = FRAME.exec(text)
  if (!match) return undefined
  // Every group but the name takes part in any match.
  const [, name, file, line, column] = match as unknown as [
    string,
    string | undefined,
    string,
    string,
    string,
  ]
  const map = sourceMapOf(file)
  if (!map) return undefined
  const generatedLine = +line - 1
  // Node returns the mapping's `name` too; @types/node leaves it out.
  const entry: Partial<SourceMapping> & { name?: string } = map.findEntry(
    generatedLine,
    +column - 1,
  )
  const { originalSource: source, originalLine = 0, originalColumn = 0 } = entry
  // findEntry answers with the nearest mapping before the position, even from another line.
  if (source === undefined || entry.generatedLine !== generatedLine) return undefined
  // Sources are relative to the build folder (`../../../src/handlers/example.ts`); builds happen
  // inside the project, so without the leading `../` they are project paths. Line and column as
  // Node's own `--enable-source-maps` traces print them: the mapping's start.
  const path = source.replace(/^(?:\.\.?\/)+/, '')
  return {
    name,
    file,
    origin: `${path}:${originalLine + 1}:${originalColumn + 1}`,
    calls: entry.name,
  }
}

/**
 * Rewrites the frames of a V8 stack trace that point into a bundle with a source map to the
 * original source, `src/handlers/example.ts:5:11`; every other line is kept as it is. A frame is
 * named after what its caller called, as Node does, when the caller is in the same bundle
 * (minified code has lost the functions' own names).
 */
export const mapStackTrace = (stack: string): string => {
  const lines = stack.split('\n')
  const frames = lines.map(frameOf)
  return lines
    .map((text, i) => {
      const frame = frames[i]
      if (frame === undefined) return text
      const caller = frames[i + 1]
      const name = (caller?.file === frame.file && caller.calls) || frame.name
      // V8 indents every frame of `error.stack` by four spaces.
      return `    at ${name ? `${name} (${frame.origin})` : frame.origin}`
    })
    .join('\n')
}
