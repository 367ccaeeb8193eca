// The table `npm run bench` prints: one row per figure, service next to floor and their ratio.
import type { ShareResult } from './cpu-share.ts'
import { ratio, type Summary } from './stats.ts'

export interface Figure {
  figure: string
  unit: string
  service: number
  floor: number
  /** service / floor; the targets (formatTargets) are stated on these. */
  ratio: number | null
  /** p25–p75 of the samples behind `service` / `floor`, when they are medians. */
  serviceIqr?: [number, number]
  floorIqr?: [number, number]
}

const DIGITS: Readonly<Record<string, number>> = { ms: 1, µs: 1, MiB: 1, B: 0 }

const format = (value: number, unit: string, iqr?: [number, number]): string => {
  const digits = DIGITS[unit] ?? 2
  const main = `${value.toFixed(digits)} ${unit}`
  return iqr ? `${main} (${iqr[0].toFixed(digits)}–${iqr[1].toFixed(digits)})` : main
}

/** A figure from two sample summaries: medians, with their p25–p75 shown. */
export const medianFigure = (figure: string, unit: string, s: Summary, f: Summary): Figure => ({
  figure: `${figure}, median (p25–p75)`,
  unit,
  service: s.median,
  floor: f.median,
  ratio: ratio(s.median, f.median),
  serviceIqr: [s.p25, s.p75],
  floorIqr: [f.p25, f.p75],
})

export const plainFigure = (figure: string, unit: string, service: number, floor: number) => ({
  figure,
  unit,
  service,
  floor,
  ratio: ratio(service, floor),
})

/** A Markdown table, first column left-aligned and the others right-aligned. */
const markdownTable = (header: readonly string[], rows: readonly string[][]): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`
  const rule = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`
  return [line(header), rule, ...rows.map(line)].join('\n')
}

/** A Markdown table, so the same text can go to a terminal and into the README. */
export const formatTable = (figures: readonly Figure[]): string => {
  const rows = figures.map((f) => [
    f.figure,
    format(f.service, f.unit, f.serviceIqr),
    format(f.floor, f.unit, f.floorIqr),
    f.ratio === null ? 'n/a' : f.ratio.toFixed(2),
  ])
  const note =
    '¹ ratio: median of the ratios of service and floor runs taken back to back (cancels drift)'
  return [markdownTable(['figure', 'service', 'floor', 'service / floor'], rows), '', note].join(
    '\n',
  )
}

/** Cold starts under Lambda's CPU shares: the gap to the floor in milliseconds. */
export const formatShareTable = (shares: readonly ShareResult[]): string => {
  const rows = shares.map((s) => {
    const label = `cold start at ${s.label}, median (p25–p75)`
    if ('skipped' in s) return [label, 'skipped', '', s.skipped, '']
    const gap = s.gapMs === null ? 'n/a' : `${s.gapMs >= 0 ? '+' : ''}${s.gapMs.toFixed(1)} ms`
    return [
      label,
      format(s.service.median, 'ms', [s.service.p25, s.service.p75]),
      format(s.floor.median, 'ms', [s.floor.p25, s.floor.p75]),
      gap,
      s.ratio === null ? 'n/a' : s.ratio.toFixed(2),
    ]
  })
  const header = ['CPU share (cgroup quota)', 'service', 'floor', 'gap ²', 'service / floor ¹']
  const note =
    '² gap: median of service − floor over runs taken back to back, spawn → first response'
  return [markdownTable(header, rows), '', note].join('\n')
}

export interface ColdFigures {
  spawnToResponseMs: Summary
  loadMs: Summary
  firstInvokeMs: Summary
  cpuMs: Summary
  /** Process start to the runner's first line: Node itself, the same for both. */
  bootMs: Summary
  maxRssMiB: Summary
}

export interface WarmFigures {
  perEventUs: Record<string, Summary>
  maxRssMiB: Summary
}

export interface Side {
  cold: ColdFigures
  warm: WarmFigures
  bundle: { bytes: number; gzipBytes: number }
}

/** Ratios of runs paired back to back (see `pairedRatio`), used where the timings drift most. */
export interface PairedRatios {
  coldStart: number | null
  /** Median of service − floor CPU time to the first response, ms, over back-to-back spawns. */
  coldCpuGapMs: number | null
  warmMedian: Record<string, number | null>
}

/** The rows of the table. */
export const figuresOf = (
  service: Side,
  floor: Side,
  eventNames: readonly string[],
  paired: PairedRatios,
): Figure[] => {
  const cold = (label: string, pick: (c: ColdFigures) => Summary) =>
    medianFigure(label, 'ms', pick(service.cold), pick(floor.cold))
  const coldStart = cold('cold start: spawn → first response', (c) => c.spawnToResponseMs)
  const figures: Figure[] = [
    { ...coldStart, figure: `${coldStart.figure} ¹`, ratio: paired.coldStart },
    cold('cold: load (require bundle)', (c) => c.loadMs),
    cold('cold: first invoke', (c) => c.firstInvokeMs),
    cold('cold: CPU time to first response (user+sys)', (c) => c.cpuMs),
    cold('cold: Node boot to runner (same code)', (c) => c.bootMs),
  ]
  const none: Summary = {
    n: 0,
    median: Number.NaN,
    p25: Number.NaN,
    p75: Number.NaN,
    p99: Number.NaN,
  }
  for (const name of eventNames) {
    const s = service.warm.perEventUs[name] ?? none
    const f = floor.warm.perEventUs[name] ?? none
    const median = plainFigure(`warm ${name}: median per invoke ¹`, 'µs', s.median, f.median)
    figures.push({ ...median, ratio: paired.warmMedian[name] ?? null })
    figures.push(plainFigure(`warm ${name}: p99 per invoke`, 'µs', s.p99, f.p99))
  }
  figures.push(
    plainFigure(
      'peak RSS after first response, median',
      'MiB',
      service.cold.maxRssMiB.median,
      floor.cold.maxRssMiB.median,
    ),
    plainFigure(
      'peak RSS after warm runs, median',
      'MiB',
      service.warm.maxRssMiB.median,
      floor.warm.maxRssMiB.median,
    ),
    plainFigure('bundle, minified', 'B', service.bundle.bytes, floor.bundle.bytes),
    plainFigure('bundle, gzip', 'B', service.bundle.gzipBytes, floor.bundle.gzipBytes),
  )
  return figures
}

/**
 * The targets this service is measured against, each with this run's figure. They are printed by
 * the run, not written into the docs: whether a target is met is a fact of one machine and day.
 */
export const formatTargets = (
  paired: PairedRatios,
  shares: readonly ShareResult[],
  stockFloor = false,
): string => {
  const check = (value: number | null | undefined, limit: number, unit = '') =>
    value === null || value === undefined
      ? 'not measured'
      : `measured ${value}${unit} ${value <= limit ? '✓' : '✗'}`
  const share256 = shares.find((s) => s.memoryMb === 256)
  const gap = share256 && !('skipped' in share256) ? share256.gapMs : null
  const warm = paired.warmMedian
  if (stockFloor) {
    return [
      'targets (the floor is the stock Middy + Powertools chain):',
      `- warm form event vs the stock chain: target ≤ 1.0×, ${check(warm.form, 1)}`,
      `- warm JSON event vs the stock chain: target ≤ 1.0×, ${check(warm.json, 1)}`,
    ].join('\n')
  }
  return [
    'targets:',
    `- cold start vs the floor: target ≤ 1.10×, ${check(paired.coldStart, 1.1)}`,
    `- cold start, CPU to first response vs the floor: target ≤ +4 ms, ${check(paired.coldCpuGapMs, 4, ' ms')}`,
    `- cold-start gap at the 256 MB CPU share: target ≤ +30 ms, ${check(gap, 30, ' ms')}`,
    `- warm form event vs the floor: target ≤ 2.0×, ${check(warm.form, 2)}`,
    `- warm JSON event vs the floor: target ≤ 2.0×, ${check(warm.json, 2)}`,
    `- warm 64 KiB JSON vs the floor: target ≤ 1.5×, ${check(warm.json64k, 1.5)}`,
    `- warm 64 KiB JSON, base64, vs the floor: target ≤ 1.5×, ${check(warm['json64k-b64'], 1.5)}`,
    `- warm 1 MiB JSON vs the floor: target ≤ 1.3×, ${check(warm.json1m, 1.3)}`,
    `- warm 64 KiB form vs the floor: target ≤ 1.5×, ${check(warm.form64k, 1.5)}`,
  ].join('\n')
}
