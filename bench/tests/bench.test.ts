// Runs `npm run bench` end to end with tiny counts and checks what it writes. Timings depend on
// the machine, so they are never asserted; only that every figure exists and is sane.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { projectRoot } from '../../scripts/lib/sls.ts'
import { SERVICE_ENTRY } from '../lib/build.ts'
import { PERFORMANCE_DOC } from '../lib/performance-doc.ts'
import type { SchemaBenchResult } from '../lib/schema-libraries.ts'

const execFileAsync = promisify(execFile)

interface Summary {
  n: number
  median: number
  p25: number
  p75: number
  p99: number
}
interface Figure {
  figure: string
  unit: string
  service: number
  floor: number
  ratio: number | null
}
interface BenchDocument {
  schema: number
  timestamp: string
  node: string
  counts: Record<string, number>
  bundles: Record<'service' | 'floor', { bytes: number; gzipBytes: number; packages: unknown[] }>
  figures: Figure[]
  pairedRatios: {
    coldStart: number | null
    coldCpuGapMs: number | null
    warmMedian: Record<string, number | null>
  }
  cpuShares: (
    | { memoryMb: number; vcpu: number; skipped: string }
    | {
        memoryMb: number
        vcpu: number
        cgroup: string
        service: Summary
        floor: Summary
        gapMs: number
      }
  )[]
  cold: Record<'service' | 'floor', Record<string, Summary>>
  warm: Record<'service' | 'floor', { perEventUs: Record<string, Summary>; maxRssMiB: Summary }>
  schemaLibraries: SchemaBenchResult
  shareWarm:
    | { skipped: string }
    | { label: string; rows: { event: string; service: number; floor: number }[] }
}

describe('npm run bench (tiny counts)', () => {
  let outDir = ''
  let stdout = ''
  let stderr = ''
  let doc: BenchDocument
  let docBefore = ''

  before(async () => {
    docBefore = await readFile(PERFORMANCE_DOC, 'utf8')
    outDir = await mkdtemp(path.join(tmpdir(), 'bench-test-'))
    const result = await execFileAsync(process.execPath, ['bench/bench.ts'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        BENCH_SPAWNS: '2',
        BENCH_COLD_WARMUP: '0',
        BENCH_ROUNDS: '1',
        BENCH_ITERATIONS: '20',
        BENCH_WARMUP: '5',
        BENCH_SCHEMA_SPAWNS: '1',
        BENCH_SHARE_SPAWNS: '1',
        BENCH_OUT_DIR: outDir,
      },
      timeout: 120_000,
    })
    stdout = result.stdout
    stderr = result.stderr
    doc = JSON.parse(await readFile(path.join(outDir, 'latest.json'), 'utf8'))
  })

  after(async () => {
    await rm(outDir, { recursive: true, force: true })
  })

  it('records when, on what Node, and with which counts it ran', () => {
    assert.equal(doc.schema, 1)
    assert.ok(!Number.isNaN(Date.parse(doc.timestamp)))
    assert.match(doc.node, /^v24\./)
    assert.deepEqual(doc.counts, {
      spawns: 2,
      coldWarmup: 0,
      rounds: 1,
      iterations: 20,
      warmup: 5,
      shareSpawns: 1,
      sharePeriodMs: 10,
      schemaSpawns: 1,
    })
  })

  it('has cold-start figures from every spawn, for both bundles', () => {
    for (const side of ['service', 'floor'] as const) {
      for (const key of [
        'spawnToResponseMs',
        'loadMs',
        'firstInvokeMs',
        'cpuMs',
        'bootMs',
        'maxRssMiB',
      ]) {
        const summary = doc.cold[side][key]
        assert.ok(summary, `${side}.${key}`)
        assert.equal(summary.n, 2, `${side}.${key}.n`)
        assert.ok(summary.median > 0, `${side}.${key}.median`)
      }
    }
  })

  it('has warm per-invoke figures for the small and the large bodies, fewer for the large', () => {
    for (const side of ['service', 'floor'] as const) {
      const { perEventUs, maxRssMiB } = doc.warm[side]
      assert.deepEqual(Object.keys(perEventUs).sort(), [
        'form',
        'form64k',
        'json',
        'json1m',
        'json64k',
        'json64k-b64',
      ])
      // --iterations 20: a quarter of it for 64 KiB, a 32nd (at least one) for 1 MiB.
      const expected: Record<string, number> = { form: 20, json: 20, json1m: 1 }
      for (const [event, summary] of Object.entries(perEventUs)) {
        assert.equal(summary.n, expected[event] ?? 5, event)
        assert.ok(summary.median > 0 && summary.p99 >= summary.median)
      }
      assert.ok(maxRssMiB.median > 0)
    }
  })

  it('measures both bundles, built with the deploy options', () => {
    for (const side of ['service', 'floor'] as const) {
      const bundle = doc.bundles[side]
      assert.ok(bundle.bytes > bundle.gzipBytes && bundle.gzipBytes > 0, side)
      assert.ok(bundle.packages.length > 0, side)
    }
    assert.ok(doc.bundles.service.bytes > doc.bundles.floor.bytes)
  })

  it('prints one table whose rows are the saved figures, each with its ratio', () => {
    assert.ok(doc.figures.length >= 14)
    for (const figure of doc.figures) {
      assert.ok(Number.isFinite(figure.service) && Number.isFinite(figure.floor), figure.figure)
      assert.equal(typeof figure.ratio, 'number', figure.figure)
      assert.ok(stdout.includes(`| ${figure.figure} `), `table row for ${figure.figure}`)
    }
    assert.match(stdout, /\| figure +\| +service \| +floor \| service \/ floor \|/)
  })

  it('gives drift-prone timings the ratio of back-to-back pairs', () => {
    const coldStart = doc.figures.find((f) => f.figure.startsWith('cold start: spawn'))
    assert.equal(coldStart?.ratio, doc.pairedRatios.coldStart)
    for (const event of ['form', 'json', 'json64k', 'json64k-b64', 'form64k', 'json1m']) {
      const median = doc.figures.find((f) => f.figure.startsWith(`warm ${event}: median`))
      assert.equal(typeof median?.ratio, 'number', event)
      assert.equal(median?.ratio, doc.pairedRatios.warmMedian[event])
    }
  })

  it('compares the order endpoint in each schema library with /example: bytes and cold start', () => {
    const { example, endpoints } = doc.schemaLibraries
    assert.equal(example.entry, SERVICE_ENTRY)
    assert.equal(example.coldStartMs.n, 1)
    assert.deepEqual(
      endpoints.map((e) => e.library),
      ['Valibot 1', 'Zod 4 Mini', 'Zod 4', 'ArkType 2'],
    )
    for (const endpoint of endpoints) {
      assert.ok(endpoint.bytes > example.bytes, endpoint.library)
      assert.ok(
        endpoint.libraryBytes > 0 && endpoint.libraryBytes < endpoint.bytes,
        endpoint.library,
      )
      assert.equal(endpoint.coldStartMs.n, 1)
      assert.equal(typeof endpoint.coldStartRatio, 'number')
      assert.ok(stdout.includes(`| orders, ${endpoint.library} |`), endpoint.library)
    }
  })
  it('runs cold starts under the 256 MB and 1769 MB CPU shares, or prints why it cannot', () => {
    assert.deepEqual(
      doc.cpuShares.map((s) => [s.memoryMb, s.vcpu]),
      [
        [256, 0.145],
        [1769, 1],
      ],
    )
    for (const share of doc.cpuShares) {
      if ('skipped' in share) {
        assert.ok(stderr.includes(`skipped, ${share.skipped}`), share.skipped)
        continue
      }
      assert.equal(share.service.n, 1)
      assert.equal(share.floor.n, 1)
      assert.equal(typeof share.gapMs, 'number')
      assert.ok(share.cgroup.includes(`bench-`), share.cgroup)
      assert.ok(stdout.includes(`| cold start at ${share.vcpu} vCPU (${share.memoryMb} MB)`))
    }
  })

  it('times the large bodies warm at the 256 MB CPU share, or says why it cannot', () => {
    if ('skipped' in doc.shareWarm) {
      assert.ok(stdout.includes(`skipped, ${doc.shareWarm.skipped}`))
      return
    }
    assert.deepEqual(
      doc.shareWarm.rows.map((r) => r.event),
      ['json64k', 'json64k-b64', 'form64k', 'json1m'],
    )
    for (const row of doc.shareWarm.rows) {
      assert.ok(row.service > 0 && row.floor > 0, row.event)
      assert.ok(stdout.includes(`| ${row.event}: median per invoke |`), row.event)
    }
  })

  it('prints each target next to the figure that answers it', () => {
    const { coldStart, warmMedian } = doc.pairedRatios
    const vsFloor = '- cold start vs the floor: target ≤ 1.10×, measured'
    assert.ok(stdout.includes(`${vsFloor} ${coldStart} `))
    const form = '- warm form event vs the floor: target ≤ 2.0×, measured'
    assert.ok(stdout.includes(`${form} ${warmMedian.form} `))
    const json = '- warm JSON event vs the floor: target ≤ 2.0×, measured'
    assert.ok(stdout.includes(`${json} ${warmMedian.json} `))
    assert.match(stdout, /- cold-start gap at the 256 MB CPU share: target ≤ \+30 ms, /)
    const cpu = '- cold start, CPU to first response vs the floor: target ≤ +4 ms, measured'
    assert.ok(stdout.includes(`${cpu} ${doc.pairedRatios.coldCpuGapMs} ms `))
    for (const [event, limit] of [
      ['json64k', '1.5'],
      ['json64k-b64', '1.5'],
      ['json1m', '1.3'],
      ['form64k', '1.5'],
    ] as const) {
      const line = stdout
        .split('\n')
        .find((l) =>
          l.includes(`target ≤ ${limit}×, measured ${doc.pairedRatios.warmMedian[event]} `),
        )
      assert.ok(line, event)
    }
  })

  it('leaves docs/performance.md alone: only --readme outside the test runner writes it', async () => {
    assert.equal(await readFile(PERFORMANCE_DOC, 'utf8'), docBefore)
  })
})
