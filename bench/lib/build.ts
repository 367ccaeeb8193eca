// Builds what the benchmark runs. Handler bundles use `esbuildOptions()` from esbuild.config.cjs,
// the options serverless-esbuild deploys with, so the numbers are about the artifact that ships.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, type Metafile, type Plugin } from 'esbuild'
import esbuildConfig from '../../esbuild.config.cjs'
import { projectRoot } from '../../scripts/lib/sls.ts'

// The chain as /example declares it, from the tests' fixtures, so that the bench keeps measuring
// the chain in a fork that replaced /example.
export const SERVICE_ENTRY = 'tests/fixtures/endpoint.ts'
export const FLOOR_ENTRY = 'bench/lib/floor.ts'
const RUNNER_ENTRY = 'bench/lib/runner.ts'

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

const packageOf = (input: string): string => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)
  return match?.[1] ?? input.split('/').slice(0, 2).join('/')
}

const byBytes = (entries: Iterable<[string, number]>): InputShare[] =>
  [...entries].map(([p, bytes]) => ({ path: p, bytes })).sort((a, b) => b.bytes - a.bytes)

/** Bundle size and what fills it, from esbuild's metafile. */
export const describeOutput = (entry: string, file: string, metafile: Metafile): BundleInfo => {
  const key = path.relative(projectRoot, file)
  const output = metafile.outputs[key]
  if (!output) throw new Error(`no metafile output for ${key}`)
  const code = readFileSync(file)
  const perPackage = new Map<string, number>()
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = packageOf(input)
    perPackage.set(name, (perPackage.get(name) ?? 0) + bytesInOutput)
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
 * Resolves imports of `from` (a project-relative file, or a package specifier imported as such)
 * to the project-relative file `to` instead.
 */
const substitute = (substitutes: Readonly<Record<string, string>>): Plugin => {
  const target = (to: string) => path.resolve(projectRoot, to)
  const files = new Map<string, string>()
  const specifiers = new Map<string, string>()
  for (const [from, to] of Object.entries(substitutes)) {
    if (existsSync(path.resolve(projectRoot, from))) {
      files.set(path.resolve(projectRoot, from), target(to))
    } else {
      specifiers.set(from, target(to))
    }
  }
  return {
    name: 'bench-substitute',
    setup(builder) {
      builder.onResolve({ filter: /.*/ }, ({ path: imported, resolveDir, kind }) => {
        if (kind === 'entry-point') return undefined
        const to = imported.startsWith('.')
          ? files.get(path.resolve(resolveDir, imported))
          : specifiers.get(imported)
        return to === undefined ? undefined : { path: to }
      })
    },
  }
}

/**
 * Builds one handler entry (relative to the project, or absolute) into `outdir`, with
 * `substitutes` (project-relative `from` → `to` source files) swapped in.
 */
export const buildHandler = async (
  entry: string,
  outdir: string,
  substitutes: Readonly<Record<string, string>> = {},
): Promise<BundleInfo> => {
  const result = await build({
    ...esbuildConfig.esbuildOptions(),
    plugins: Object.keys(substitutes).length > 0 ? [substitute(substitutes)] : [],
    entryPoints: [entry],
    outdir,
    absWorkingDir: projectRoot,
    metafile: true,
    logLevel: 'warning',
  })
  const file = path.join(outdir, `${path.basename(entry).replace(/\.[^.]+$/, '')}.cjs`)
  return describeOutput(entry, file, result.metafile)
}

/** The child-process runner as plain ESM: no type stripping inside the measured process. */
export const buildRunner = async (outdir: string): Promise<string> => {
  const outfile = path.join(outdir, 'runner.mjs')
  await build({
    entryPoints: [RUNNER_ENTRY],
    outfile,
    absWorkingDir: projectRoot,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    logLevel: 'warning',
  })
  return outfile
}
