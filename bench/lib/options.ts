// What `npm run bench` is told, by flags or environment variables (flags win):
//   --spawns / BENCH_SPAWNS             cold-start processes per bundle (default 30)
//   --cold-warmup / BENCH_COLD_WARMUP   unmeasured spawns first, to warm the file cache (2)
//   --rounds / BENCH_ROUNDS             warm processes per bundle and event group (10)
//   --iterations / BENCH_ITERATIONS     timed invocations per event in each warm process (1000)
//   --warmup / BENCH_WARMUP             untimed invocations per event before those (500)
//   --share-spawns / BENCH_SHARE_SPAWNS cold starts per bundle under each Lambda CPU share (30;
//                                       0 skips the CPU-share runs)
//   --share-period-ms / BENCH_SHARE_PERIOD_MS  the quota's period (10; see cpu-share.ts)
//   --schema-spawns / BENCH_SCHEMA_SPAWNS cold starts per schema-library endpoint next to
//                                       /example (20; 0 skips; bench/lib/schema-libraries.ts)
//   --out / BENCH_OUT_DIR               output folder (bench-results/, gitignored)
//   --service / BENCH_SERVICE_ENTRY     handler entry to measure (tests/fixtures/endpoint.ts)
//   --floor / BENCH_FLOOR_ENTRY         what it is measured against (bench/lib/floor.ts);
//                                       another handler entry measures one change against the
//                                       previous code (e.g. a `git archive` of it under .esbuild/)
//   --floor-substitute / BENCH_FLOOR_SUBSTITUTE  `from=to[,from=to…]`: source files swapped in
//                                       the floor's build only, so the floor can be the service
//                                       with one piece replaced (e.g. Powertools' own middleware)
//   --floor-as-shipped                  build the floor without the project's esbuild plugins
//                                       (esbuild.config.cjs), so with Powertools as it ships; the
//                                       stock chain (bench/variants/stock-chain.ts) always is
//   --events / BENCH_EVENTS             `form,json,…`: time only these warm events (all six)
//   --readme                            write the figures into docs/performance.md's blocks
import path from 'node:path'
import { parseArgs } from 'node:util'
import { projectRoot } from '../../scripts/lib/sls.ts'
import { FLOOR_ENTRY, SERVICE_ENTRY } from './build.ts'

const { values: flags } = parseArgs({
  options: {
    spawns: { type: 'string' },
    'cold-warmup': { type: 'string' },
    rounds: { type: 'string' },
    iterations: { type: 'string' },
    warmup: { type: 'string' },
    'share-spawns': { type: 'string' },
    'share-period-ms': { type: 'string' },
    'schema-spawns': { type: 'string' },
    out: { type: 'string' },
    service: { type: 'string' },
    floor: { type: 'string' },
    'floor-substitute': { type: 'string' },
    'floor-as-shipped': { type: 'boolean', default: false },
    events: { type: 'string' },
    readme: { type: 'boolean', default: false },
  },
})

const count = (flag: string | undefined, name: string, fallback: number, min = 1): number => {
  const raw = flag ?? process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name}: got '${raw}'`)
  return value
}

export const counts = {
  spawns: count(flags.spawns, 'BENCH_SPAWNS', 30),
  coldWarmup: count(flags['cold-warmup'], 'BENCH_COLD_WARMUP', 2, 0),
  rounds: count(flags.rounds, 'BENCH_ROUNDS', 10),
  iterations: count(flags.iterations, 'BENCH_ITERATIONS', 1000),
  warmup: count(flags.warmup, 'BENCH_WARMUP', 500, 0),
  shareSpawns: count(flags['share-spawns'], 'BENCH_SHARE_SPAWNS', 30, 0),
  sharePeriodMs: count(flags['share-period-ms'], 'BENCH_SHARE_PERIOD_MS', 10),
  schemaSpawns: count(flags['schema-spawns'], 'BENCH_SCHEMA_SPAWNS', 20, 0),
}

export const outDir = path.resolve(
  projectRoot,
  flags.out ?? process.env.BENCH_OUT_DIR ?? 'bench-results',
)
export const serviceEntry = flags.service ?? process.env.BENCH_SERVICE_ENTRY ?? SERVICE_ENTRY
export const floorEntry = flags.floor ?? process.env.BENCH_FLOOR_ENTRY ?? FLOOR_ENTRY
export const writeReadme = flags.readme
export const floorAsShipped = flags['floor-as-shipped']

const substitutes = flags['floor-substitute'] ?? process.env.BENCH_FLOOR_SUBSTITUTE ?? ''
export const floorSubstitutes: Record<string, string> = Object.fromEntries(
  substitutes
    .split(',')
    .filter((pair) => pair.trim() !== '')
    .map((pair) => {
      const [from, to, ...rest] = pair.split('=').map((part) => part.trim())
      if (!from || !to || rest.length > 0) throw new RangeError(`floor-substitute: got '${pair}'`)
      return [from, to]
    }),
)

/** The warm events to time, or undefined for all. */
export const eventFilter: readonly string[] | undefined = (flags.events ?? process.env.BENCH_EVENTS)
  ?.split(',')
  .map((name) => name.trim())
  .filter((name) => name !== '')
