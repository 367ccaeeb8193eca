// Builds what the benchmark runs. Handler bundles use `esbuildOptions()` from esbuild.config.cjs,
// the options serverless-esbuild deploys with, so the numbers are about the artifact that ships.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { build, type Plugin } from 'esbuild'
import { projectRoot } from '../../scripts/lib/sls.ts'
import { type BundleInfo, buildHandler as buildBundle } from '../../tests/helpers/bundle.ts'

// The chain as /example declares it, from the tests' fixtures, so that the bench keeps measuring
// the chain in a fork that replaced /example.
export const SERVICE_ENTRY = 'tests/fixtures/endpoint.ts'
export const FLOOR_ENTRY = 'bench/lib/floor.ts'
/** A stock Middy + Powertools chain, to run as `--floor` (see the file). */
export const STOCK_ENTRY = 'bench/variants/stock-chain.ts'
const RUNNER_ENTRY = 'bench/lib/runner.ts'

export type { BundleInfo } from '../../tests/helpers/bundle.ts'

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
 * Builds one handler entry as it ships (tests/helpers/bundle.ts), with `substitutes`
 * (project-relative `from` → `to` source files) swapped in. `asShipped` leaves out the project's
 * esbuild plugins, as the stock chain always is: it is measured as its packages ship.
 */
export const buildHandler = (
  entry: string,
  outdir: string,
  substitutes: Readonly<Record<string, string>> = {},
  asShipped = false,
): Promise<BundleInfo> =>
  buildBundle(entry, outdir, Object.keys(substitutes).length > 0 ? [substitute(substitutes)] : [], {
    projectPlugins:
      !asShipped && path.resolve(projectRoot, entry) !== path.resolve(projectRoot, STOCK_ENTRY),
  })

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
