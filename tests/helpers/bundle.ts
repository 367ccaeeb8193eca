// Builds a handler entry the way it ships: esbuildOptions() from esbuild.config.cjs, the options
// serverless-esbuild deploys with, plus esbuild's metafile for what fills the bundle. The bench
// (bench/lib/build.ts) builds through this too, with its substitution plugin.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, type Metafile, type Plugin } from 'esbuild'
import esbuildConfig from '../../esbuild.config.cjs'
import { projectRoot } from '../../scripts/lib/sls.ts'

export interface InputShare {
  path: string
  bytes: number
}

export interface BundleInfo {
  entry: string
  /** Absolute path of the .cjs bundle. */
  path: string
  bytes: number
  gzipBytes: number
  mapBytes: number
  /** Bytes each input contributes to the minified output, largest first. */
  inputs: InputShare[]
  /** Same, summed per npm package (or `src/…` for own code). */
  packages: InputShare[]
  metafile: Metafile
}

const byBytes = (entries: Iterable<[string, number]>): InputShare[] =>
  [...entries].map(([p, bytes]) => ({ path: p, bytes })).sort((a, b) => b.bytes - a.bytes)

/** The npm package an input belongs to (`@middy/core`), or `src/<folder>` for own code. */
export const packageOf = (input: string): string =>
  /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split('/').slice(0, 2).join('/')

/**
 * Builds `entry` (relative to the project, or absolute) into `outdir`, with `plugins` after the
 * project's own; `{ projectPlugins: false }` leaves the project's out, for code measured as its
 * packages ship (the bench's stock Middy chain).
 */
export const buildHandler = async (
  entry: string,
  outdir: string,
  plugins: Plugin[] = [],
  { projectPlugins = true }: { projectPlugins?: boolean } = {},
): Promise<BundleInfo> => {
  const options = esbuildConfig.esbuildOptions()
  const { metafile } = await build({
    ...options,
    plugins: [...(projectPlugins ? options.plugins : []), ...plugins],
    entryPoints: [entry],
    outdir,
    absWorkingDir: projectRoot,
    metafile: true,
    logLevel: 'warning',
  })
  const file = path.join(outdir, `${path.basename(entry).replace(/\.[^.]+$/, '')}.cjs`)
  const output = metafile.outputs[path.relative(projectRoot, file)]
  if (!output) throw new Error(`no metafile output for ${file}`)
  const code = readFileSync(file)
  const perPackage = new Map<string, number>()
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    perPackage.set(packageOf(input), (perPackage.get(packageOf(input)) ?? 0) + bytesInOutput)
  }
  let mapBytes = 0
  try {
    mapBytes = readFileSync(`${file}.map`).length
  } catch {
    // no source map with these options
  }
  return {
    entry,
    path: file,
    bytes: code.length,
    gzipBytes: gzipSync(code).length,
    mapBytes,
    inputs: byBytes(Object.entries(output.inputs).map(([p, v]) => [p, v.bytesInOutput])),
    packages: byBytes(perPackage),
    metafile,
  }
}

/**
 * Builds a handler written inline (a test's own endpoint) the way it ships, into `outfile`, its
 * imports resolved as from a file in src/handlers/.
 */
export const buildHandlerSource = async (contents: string, outfile: string): Promise<void> => {
  await build({
    ...esbuildConfig.esbuildOptions(),
    stdin: {
      contents,
      sourcefile: path.basename(outfile).replace(/\.cjs$/, '.ts'),
      resolveDir: path.join(projectRoot, 'src', 'handlers'),
      loader: 'ts',
    },
    outfile,
    absWorkingDir: projectRoot,
    logLevel: 'warning',
  })
}
