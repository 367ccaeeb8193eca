// The large bodies timed warm inside a cgroup holding the process to Lambda's 256 MB CPU share:
// there a millisecond of CPU is ~7 ms of a client's wait, which is what a 1 MiB upload feels like.
import { type CpuCgroup, createCpuCgroup, DEFAULT_ROOTS, shareOf } from './cpu-share.ts'
import { pairedRatio, summarize } from './stats.ts'

export interface ShareWarmRow {
  event: string
  /** Median wall time per invocation, µs, over every round's samples. */
  service: number
  floor: number
  /** Median of the ratios of the rounds' medians, taken back to back. */
  ratio: number | null
}

export type ShareWarmResult = { label: string; rows: ShareWarmRow[] } | { skipped: string }

type Side = 'service' | 'floor'

/**
 * Runs `warm(side, event, cgroup)` (one warm process, returning its per-invocation samples in µs)
 * `rounds` times per side and event, alternately, inside one cgroup at the 256 MB share.
 */
export const measureShareWarm = async (
  options: { events: readonly string[]; rounds: number; periodUs: number },
  warm: (side: Side, event: string, cgroup: CpuCgroup) => Promise<number[]>,
): Promise<ShareWarmResult> => {
  const share = shareOf(256)
  const cgroup = createCpuCgroup(
    share.vcpu,
    `bench-${process.pid}-warm`,
    DEFAULT_ROOTS,
    options.periodUs,
  )
  if ('skipped' in cgroup) return { skipped: cgroup.skipped }
  const rows: ShareWarmRow[] = []
  try {
    for (const event of options.events) {
      const samples: Record<Side, number[]> = { service: [], floor: [] }
      const medians: Record<Side, number[]> = { service: [], floor: [] }
      for (let i = 0; i < options.rounds; i++) {
        const order: Side[] = i % 2 === 0 ? ['service', 'floor'] : ['floor', 'service']
        for (const side of order) {
          const us = await warm(side, event, cgroup)
          samples[side].push(...us)
          medians[side].push(summarize(us).median)
        }
      }
      rows.push({
        event,
        service: summarize(samples.service).median,
        floor: summarize(samples.floor).median,
        ratio: pairedRatio(medians.service, medians.floor),
      })
    }
  } finally {
    cgroup.remove()
  }
  return { label: share.label, rows }
}

export const formatShareWarmTable = (result: ShareWarmResult): string => {
  if ('skipped' in result) return `large bodies at the 256 MB CPU share: skipped, ${result.skipped}`
  const ms = (us: number) => `${(us / 1000).toFixed(1)} ms`
  const lines = [
    `| warm, at ${result.label} | service | floor | service / floor ¹ |`,
    '|---|--:|--:|--:|',
    ...result.rows.map(
      (r) =>
        `| ${r.event}: median per invoke | ${ms(r.service)} | ${ms(r.floor)} | ${r.ratio === null ? 'n/a' : r.ratio.toFixed(2)} |`,
    ),
  ]
  return lines.join('\n')
}
