// `npm run bench:data [-- --readme]`: an endpoint that reads and writes the table, against a floor
// with the same SDK client and no chain, both on the local store (dynalite, in this process).
// Cold start: a fresh process per run, load + first request (a read). Warm: read and write taking
// turns in one process. The SDK is loaded from node_modules, as the Lambda runtime provides it.
// Figures are this machine's and dynalite's, not DynamoDB's: what matters is the difference.
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { writeDocBlock } from '../scripts/lib/doc-block.ts'
import { projectRoot } from '../scripts/lib/sls.ts'
import { buildEvent } from '../tests/fixtures/events.ts'
import { startLocalStore } from '../tests/helpers/local-store.ts'
import { buildHandler, buildRunner } from './lib/build.ts'
import {
  type BenchEvent,
  type ColdReport,
  lambdaEnv,
  runJob,
  type WarmReport,
} from './lib/measure.ts'
import { PERFORMANCE_DOC } from './lib/performance-doc.ts'
import type { RunnerJob } from './lib/runner.ts'
import { summarize } from './lib/stats.ts'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const counts = quick
  ? { spawns: 3, iterations: 50, warmup: 20 }
  : { spawns: 20, iterations: 2000, warmup: 500 }
const workDir = path.join(projectRoot, 'bench-results', 'data')

const event = (method: string): BenchEvent => ({
  name: method === 'GET' ? 'read' : 'write',
  event: buildEvent({
    method,
    ...(method === 'POST' && { body: '{}', contentType: 'application/json' }),
  }),
})

const main = async () => {
  rmSync(workDir, { recursive: true, force: true })
  mkdirSync(workDir, { recursive: true })
  const store = await startLocalStore('example-service-bench-data')
  const [service, floor, runner] = await Promise.all([
    buildHandler('bench/variants/data-service.ts', path.join(workDir, 'service')),
    buildHandler('bench/variants/data-floor.ts', path.join(workDir, 'floor')),
    buildRunner(workDir),
  ])
  const env = (dir: string) => ({
    ...lambdaEnv(dir),
    NODE_PATH: path.join(projectRoot, 'node_modules'),
    DATA_TABLE: store.table,
    DYNAMODB_ENDPOINT: store.endpoint,
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  })
  let jobs = 0
  const run = async <R extends ColdReport | WarmReport>(
    bundle: string,
    job: Omit<RunnerJob, 'bundle' | 'resultPath'>,
  ) => {
    const full: RunnerJob = {
      ...job,
      bundle,
      resultPath: path.join(workDir, `result-${++jobs}.json`),
    }
    const jobPath = path.join(workDir, `job-${jobs}.json`)
    const { writeFileSync } = await import('node:fs')
    writeFileSync(jobPath, JSON.stringify(full))
    return (await runJob<R>(runner, jobPath, full, env(path.dirname(bundle)))).report
  }
  const variants = { service: service.path, floor: floor.path }
  const cold: Record<string, number[]> = { service: [], floor: [] }
  const warm: Record<string, Record<string, number[]>> = { service: {}, floor: {} }
  for (let i = 0; i < counts.spawns; i++) {
    for (const [name, bundle] of Object.entries(variants)) {
      const report = await run<ColdReport>(bundle, {
        mode: 'cold',
        events: [event('GET')],
        warmup: 0,
        iterations: 0,
      })
      if (report.status !== 200) throw new Error(`${name} cold start answered ${report.status}`)
      cold[name]?.push(report.loadMs + report.firstInvokeMs)
    }
  }
  for (const [name, bundle] of Object.entries(variants)) {
    const { warmup, iterations } = counts
    const report = await run<WarmReport>(bundle, {
      mode: 'warm',
      events: [event('GET'), event('POST')],
      warmup,
      iterations,
    })
    for (const [kind, status] of Object.entries(report.statuses)) {
      if (status !== 200) throw new Error(`${name} answered ${status} to ${kind}`)
    }
    warm[name] = report.samplesUs
  }
  await store.close()
  const median = (samples: number[] | undefined) => summarize(samples ?? []).median
  const row = (label: string, unit: string, s: number, f: number) =>
    `| ${label} | ${s.toFixed(unit === 'ms' ? 1 : 0)} ${unit} | ${f.toFixed(unit === 'ms' ? 1 : 0)} ${unit} | ${(s - f).toFixed(unit === 'ms' ? 1 : 0)} ${unit} |`
  const table = [
    `Node ${process.versions.node}, dynalite in the bench's process, ${counts.spawns} cold starts and ${counts.iterations} warm requests of each kind per bundle; bundles ${service.bytes} B (service) and ${floor.bytes} B (floor), the AWS SDK outside them.`,
    '',
    '| median | service | floor | chain |',
    '|---|---|---|---|',
    row('cold start (load + first read)', 'ms', median(cold.service), median(cold.floor)),
    row('warm read (GetItem)', 'µs', median(warm.service?.read), median(warm.floor?.read)),
    row('warm write (PutItem)', 'µs', median(warm.service?.write), median(warm.floor?.write)),
  ].join('\n')
  console.log(table)
  if (args.includes('--readme') && !quick) writeDocBlock(PERFORMANCE_DOC, 'data', table)
}

await main()
