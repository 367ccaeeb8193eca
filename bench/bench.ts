// `npm run bench`: the service handler against the floor (bench/lib/floor.ts, same contract
// without Middy or Powertools), both built with the deploy options, run alternately in fresh
// Node processes with a Lambda-like environment, then their cold starts again under Lambda's CPU
// shares (cgroup quotas). Prints the tables and writes <out>/latest.json plus a timestamped copy;
// with --readme, also the blocks of docs/performance.md. Options: bench/lib/options.ts.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import path from 'node:path'
import { writeDocBlock } from '../scripts/lib/doc-block.ts'
import { projectRoot } from '../scripts/lib/sls.ts'
import { type BundleInfo, buildHandler, buildRunner, STOCK_ENTRY } from './lib/build.ts'
import { type CpuCgroup, measureShares, type ShareResult } from './lib/cpu-share.ts'
import {
  type BenchEvent,
  benchEvents,
  type ColdReport,
  LARGE_EVENTS,
  lambdaEnv,
  runJob,
  WARM_GROUPS,
  type WarmReport,
} from './lib/measure.ts'
import {
  counts,
  eventFilter,
  floorAsShipped,
  floorEntry,
  floorSubstitutes,
  outDir,
  serviceEntry,
  writeReadme,
} from './lib/options.ts'
import { PERFORMANCE_DOC } from './lib/performance-doc.ts'
import {
  type ColdFigures,
  figuresOf,
  formatShareTable,
  formatTable,
  formatTargets,
  type PairedRatios,
  type WarmFigures,
} from './lib/report.ts'
import type { RunnerJob } from './lib/runner.ts'
import {
  benchSchemaLibraries,
  formatSchemaTable,
  SCHEMA_ENDPOINTS,
  type SchemaBenchResult,
} from './lib/schema-libraries.ts'
import { formatShareWarmTable, measureShareWarm, type ShareWarmResult } from './lib/share-warm.ts'
import { pairedDifference, pairedRatio, summarize } from './lib/stats.ts'

const workDir = path.join(outDir, 'work')

interface Variant {
  name: 'service' | 'floor'
  bundle: BundleInfo
}

const log = (message: string) => process.stderr.write(`${message}\n`)

let jobCounter = 0
const run = async <R extends ColdReport | WarmReport>(
  runner: string,
  variant: Variant,
  job: Omit<RunnerJob, 'bundle' | 'resultPath'>,
  cgroup?: CpuCgroup,
) => {
  const jobPath = path.join(workDir, `job-${++jobCounter}.json`)
  const full: RunnerJob = { ...job, bundle: variant.bundle.path, resultPath: `${jobPath}.out` }
  writeFileSync(jobPath, JSON.stringify(full))
  const env = lambdaEnv(path.dirname(variant.bundle.path))
  return runJob<R>(runner, jobPath, full, env, cgroup)
}

/** Alternates which variant goes first, so neither always runs on the warmer machine. */
const inTurn = (variants: readonly Variant[], i: number) =>
  i % 2 === 0 ? variants : [...variants].reverse()

const main = async () => {
  const loadAtStart = loadavg()[0] ?? 0
  const stockFloor =
    path.resolve(projectRoot, floorEntry) === path.resolve(projectRoot, STOCK_ENTRY)
  rmSync(workDir, { recursive: true, force: true })
  mkdirSync(workDir, { recursive: true })
  const swapped = Object.entries(floorSubstitutes).map(([from, to]) => `${from} → ${to}`)
  if (floorAsShipped) swapped.push('Powertools as shipped (no esbuild.config.cjs plugins)')
  const swaps = swapped.length > 0 ? ` (floor with ${swapped.join(', ')})` : ''
  log(`building ${serviceEntry} and ${floorEntry}${swaps} with esbuildOptions()`)
  const [service, floor, runner] = await Promise.all([
    buildHandler(serviceEntry, path.join(workDir, 'service')),
    buildHandler(floorEntry, path.join(workDir, 'floor'), floorSubstitutes, floorAsShipped),
    buildRunner(workDir),
  ])
  const serviceVariant: Variant = { name: 'service', bundle: service }
  const floorVariant: Variant = { name: 'floor', bundle: floor }
  const variants = [serviceVariant, floorVariant]
  const timed = (name: string) => eventFilter === undefined || eventFilter.includes(name)
  const allEvents: BenchEvent[] = benchEvents()
  const formEvent = allEvents.filter((e) => e.name === 'form')
  const events = allEvents.filter((e) => timed(e.name))

  const coldJob = { mode: 'cold', events: formEvent, warmup: 0, iterations: 0 } as const
  const coldStart = async (v: Variant, cgroup?: CpuCgroup) => {
    const result = await run<ColdReport>(runner, v, coldJob, cgroup)
    if (result.report.status !== 200) {
      throw new Error(`${v.name} cold start answered ${result.report.status}`)
    }
    return result
  }
  const cold = { service: [] as ColdReport[], floor: [] as ColdReport[] }
  const spawnMs = { service: [] as number[], floor: [] as number[] }
  log(`cold start: ${counts.coldWarmup} + ${counts.spawns} spawns per bundle`)
  for (let i = 0; i < counts.coldWarmup + counts.spawns; i++) {
    for (const v of inTurn(variants, i)) {
      const { report, spawnToResponseMs } = await coldStart(v)
      if (i < counts.coldWarmup) continue
      cold[v.name].push(report)
      spawnMs[v.name].push(spawnToResponseMs ?? Number.NaN)
    }
  }

  // Reports in the same order for both variants: round by round, group by group, so the k-th
  // service report pairs with the k-th floor report.
  const warm = { service: [] as WarmReport[], floor: [] as WarmReport[] }
  const groups = WARM_GROUPS.map(({ events: names, scale }) => ({
    events: events.filter((e) => names.includes(e.name)),
    warmup: Math.round(counts.warmup * scale),
    iterations: Math.max(1, Math.round(counts.iterations * scale)),
  })).filter((group) => group.events.length > 0)
  log(
    `warm: ${counts.rounds} rounds × ${groups.length} processes per bundle (${groups.map((g) => `${g.events.map((e) => e.name).join('+')} ×${g.iterations}`).join(', ')} invocations per event)`,
  )
  for (let i = 0; i < counts.rounds; i++) {
    for (const group of groups) {
      for (const v of inTurn(variants, i)) {
        const { warmup, iterations } = group
        const job = { mode: 'warm', events: group.events, warmup, iterations } as const
        const { report } = await run<WarmReport>(runner, v, job)
        for (const [name, status] of Object.entries(report.statuses)) {
          if (status !== 200) throw new Error(`${v.name} answered ${status} to ${name}`)
        }
        warm[v.name].push(report)
      }
    }
  }

  const shares: ShareResult[] = []
  if (counts.shareSpawns > 0) {
    log(
      `cold start under Lambda CPU shares (${counts.sharePeriodMs} ms periods): 1 + ${counts.shareSpawns} spawns per bundle and share`,
    )
    const measured = await measureShares(
      { spawns: counts.shareSpawns, warmup: 1, periodUs: counts.sharePeriodMs * 1000 },
      async (side, cgroup) => {
        const variant = side === 'service' ? serviceVariant : floorVariant
        return (await coldStart(variant, cgroup)).spawnToResponseMs ?? Number.NaN
      },
    )
    shares.push(...measured)
    for (const share of shares) {
      if ('skipped' in share) log(`CPU share ${share.label}: skipped, ${share.skipped}`)
    }
  }

  let shareWarm: ShareWarmResult | undefined
  if (counts.shareSpawns > 0) {
    const rounds = Math.max(1, Math.round(counts.rounds / 5))
    log(`large bodies warm at the 256 MB CPU share: ${rounds} rounds per bundle and event`)
    shareWarm = await measureShareWarm(
      { events: LARGE_EVENTS.filter(timed), rounds, periodUs: counts.sharePeriodMs * 1000 },
      async (side, name, cgroup) => {
        const group = groups.find((g) => g.events.some((e) => e.name === name))
        const event = events.filter((e) => e.name === name)
        const iterations = Math.max(1, Math.round((group?.iterations ?? 1) / 8))
        const warmup = Math.max(1, Math.round((group?.warmup ?? 1) / 8))
        const job = { mode: 'warm', events: event, warmup, iterations } as const
        const variant = side === 'service' ? serviceVariant : floorVariant
        const { report } = await run<WarmReport>(runner, variant, job, cgroup)
        if (report.statuses[name] !== 200)
          throw new Error(`${side} answered ${report.statuses[name]} to ${name}`)
        return report.samplesUs[name] ?? []
      },
    )
  }

  const mib = (kib: number) => Math.round((kib / 1024) * 10) / 10
  const coldOf = (name: Variant['name']): ColdFigures => ({
    spawnToResponseMs: summarize(spawnMs[name]),
    loadMs: summarize(cold[name].map((r) => r.loadMs)),
    firstInvokeMs: summarize(cold[name].map((r) => r.firstInvokeMs)),
    cpuMs: summarize(cold[name].map((r) => r.cpuMs)),
    bootMs: summarize(cold[name].map((r) => r.bootMs)),
    maxRssMiB: summarize(cold[name].map((r) => mib(r.maxRssKiB))),
  })
  // Samples of all rounds pooled: one distribution per event, so p99 has enough behind it.
  const warmOf = (name: Variant['name']): WarmFigures => ({
    perEventUs: Object.fromEntries(
      events.map((e) => [e.name, summarize(warm[name].flatMap((r) => r.samplesUs[e.name] ?? []))]),
    ),
    // Per round, the largest of its processes (the 64 KiB one).
    maxRssMiB: summarize(
      Array.from({ length: counts.rounds }, (_, i) =>
        Math.max(
          ...warm[name]
            .slice(i * groups.length, (i + 1) * groups.length)
            .map((r) => mib(r.maxRssKiB)),
        ),
      ),
    ),
  })
  const results = {
    cold: { service: coldOf('service'), floor: coldOf('floor') },
    warm: { service: warmOf('service'), floor: warmOf('floor') },
  }
  const roundMedians = (name: Variant['name'], event: string) =>
    warm[name].flatMap((r) => {
      const samples = r.samplesUs[event]
      return samples ? [summarize(samples).median] : []
    })
  const paired: PairedRatios = {
    coldStart: pairedRatio(spawnMs.service, spawnMs.floor),
    coldCpuGapMs: pairedDifference(
      cold.service.map((r) => r.cpuMs),
      cold.floor.map((r) => r.cpuMs),
    ),
    warmMedian: Object.fromEntries(
      events.map((e) => [
        e.name,
        pairedRatio(roundMedians('service', e.name), roundMedians('floor', e.name)),
      ]),
    ),
  }
  const figures = figuresOf(
    { cold: results.cold.service, warm: results.warm.service, bundle: service },
    { cold: results.cold.floor, warm: results.warm.floor, bundle: floor },
    events.map((e) => e.name),
    paired,
  )

  let schemaLibraries: SchemaBenchResult | undefined
  if (counts.schemaSpawns > 0) {
    log(`schema libraries: ${counts.schemaSpawns} cold spawns per endpoint`)
    const endpoints = await Promise.all(
      SCHEMA_ENDPOINTS.map(async ({ library, entry, packages }, k) => ({
        library,
        packages,
        bundle: await buildHandler(entry, path.join(workDir, `schema-${k}`)),
      })),
    )
    schemaLibraries = await benchSchemaLibraries({
      example: service,
      endpoints,
      spawns: counts.schemaSpawns,
      cold: async (bundle, event) => {
        const job = { mode: 'cold' as const, events: [event], warmup: 0, iterations: 0 }
        const { report, spawnToResponseMs } = await run<ColdReport>(
          runner,
          { name: 'service', bundle },
          job,
        )
        if (report.status !== 200 && report.status !== 201) {
          throw new Error(`${bundle.entry} answered ${report.status}`)
        }
        return spawnToResponseMs ?? Number.NaN
      },
    })
  }

  const timestamp = new Date().toISOString()
  const bundleSummary = (b: BundleInfo) => ({
    entry: b.entry,
    bytes: b.bytes,
    gzipBytes: b.gzipBytes,
    mapBytes: b.mapBytes,
    packages: b.packages.slice(0, 12),
  })
  const document = {
    schema: 1,
    timestamp,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: { model: cpus()[0]?.model ?? 'unknown', count: cpus().length },
    loadAverage: { start: loadAtStart, end: loadavg()[0] },
    counts,
    childEnv: { ...lambdaEnv('<bundle dir>'), PATH: '<inherited>' },
    bundles: { service: bundleSummary(service), floor: bundleSummary(floor) },
    figures,
    pairedRatios: paired,
    cpuShares: shares,
    shareWarm,
    ...results,
    schemaLibraries,
  }
  const json = `${JSON.stringify(document, null, 2)}\n`
  writeFileSync(path.join(outDir, 'latest.json'), json)
  writeFileSync(path.join(outDir, `bench-${timestamp.replace(/[:.]/g, '-')}.json`), json)

  const shareWarmTable = shareWarm ? `\n\n${formatShareWarmTable(shareWarm)}` : ''
  const tables = `${formatTable(figures)}\n\n${formatShareTable(shares)}${shareWarmTable}`
  process.stdout.write(`\n${tables}\n\n${formatTargets(paired, shares, stockFloor)}\n\n`)
  if (schemaLibraries) process.stdout.write(`${formatSchemaTable(schemaLibraries)}\n\n`)
  const machine = `${process.version}, ${document.cpu.model} ×${document.cpu.count}`
  log(`${machine}; counts ${JSON.stringify(counts)}`)
  log(`saved ${path.join(outDir, 'latest.json')}`)
  if (writeReadme) {
    // As typed, so the block says exactly which counts and options produced it.
    const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`
    const load = `load average ${loadAtStart.toFixed(2)} at the start, ${loadavg()[0]?.toFixed(2)} at the end`
    const ran = [
      `Last run: ${timestamp.slice(0, 10)}, \`${command}\`, Node ${machine}, ${load}:`,
      `${counts.spawns} cold starts and ${counts.rounds} × ${counts.iterations} warm invocations per`,
      `event (fewer for the large bodies, bench/lib/measure.ts) for each bundle, ${counts.shareSpawns}`,
      `cold starts per CPU share (quota period ${counts.sharePeriodMs} ms).`,
    ].join(' ')
    writeDocBlock(PERFORMANCE_DOC, stockFloor ? 'bench-stock' : 'bench', [ran, tables].join('\n\n'))
    if (schemaLibraries) {
      const when = `Last run: ${timestamp.slice(0, 10)}, \`npm run bench -- --readme\`, Node ${machine}`
      const what = `${counts.schemaSpawns} cold starts per endpoint, each next to one of /example`
      writeDocBlock(
        PERFORMANCE_DOC,
        'schema-libraries',
        `${when}: ${what}.\n\n${formatSchemaTable(schemaLibraries)}`,
      )
    }
    log('rewrote the bench blocks of docs/performance.md')
  }
}

await main()
