// Lambda gives a function CPU in proportion to its memory: one vCPU at 1769 MB, so 0.145 vCPU at
// the 256 MB this function is deployed with. A cold start there takes several times the CPU time
// a local run shows, and every millisecond of extra CPU costs ~7 ms of wall time. The benchmark
// reproduces that with a cgroup CPU quota (v2 `cpu.max`, or v1 `cpu.cfs_quota_us`), which needs
// root; where none is writable it says why and skips.
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pairedDifference, pairedRatio, type Summary, summarize } from './stats.ts'

/** Memory at which Lambda allocates one full vCPU. */
export const FULL_VCPU_MB = 1769

export interface CpuShare {
  label: string
  memoryMb: number
  vcpu: number
}

export const shareOf = (memoryMb: number): CpuShare => {
  const vcpu = Math.round((memoryMb / FULL_VCPU_MB) * 1000) / 1000
  return { label: `${vcpu} vCPU (${memoryMb} MB)`, memoryMb, vcpu }
}

/** The deployed memory size, and the size that buys one whole vCPU. */
export const LAMBDA_SHARES: readonly CpuShare[] = [shareOf(256), shareOf(FULL_VCPU_MB)]

/**
 * Default quota period. The kernel's default 100 ms lets a process run its whole 14.5 ms
 * allowance in one burst and then stall for 85.5 ms, so a few ms of extra CPU cost either 0 or
 * 85 ms of wall time depending on where a period boundary falls; 10 ms periods spread the share
 * evenly. AWS does not document Lambda's period.
 */
export const PERIOD_US = 10_000

export interface CpuCgroup {
  /** `v1 /sys/fs/cgroup/cpu/…` or `v2 /sys/fs/cgroup/…`. */
  describe: string
  /** Writing a pid here moves that process into the cgroup. */
  procsFile: string
  remove(): void
}

export interface CgroupRoots {
  v2: readonly string[]
  v1: readonly string[]
}

/** Where the cpu controller is mounted: unified hierarchy first, then the v1 cpu hierarchy. */
export const DEFAULT_ROOTS: CgroupRoots = {
  v2: ['/sys/fs/cgroup', '/sys/fs/cgroup/unified'],
  v1: ['/sys/fs/cgroup/cpu', '/sys/fs/cgroup/cpu,cpuacct'],
}

const hasV2Cpu = (root: string): boolean => {
  try {
    return readFileSync(path.join(root, 'cgroup.controllers'), 'utf8').split(/\s+/).includes('cpu')
  } catch {
    return false
  }
}

const hasV1Cpu = (root: string): boolean => {
  try {
    readFileSync(path.join(root, 'cpu.cfs_quota_us'))
    return true
  } catch {
    return false
  }
}

const make = (dir: string, settings: Record<string, string>, describe: string): CpuCgroup => {
  mkdirSync(dir)
  const remove = () => rmdirSync(dir)
  try {
    for (const [file, value] of Object.entries(settings)) {
      writeFileSync(path.join(dir, file), value)
    }
  } catch (error) {
    remove()
    throw error
  }
  return { describe, procsFile: path.join(dir, 'cgroup.procs'), remove }
}

/**
 * A new cgroup holding its processes to `vcpu` CPUs, or the reason there cannot be one. The
 * caller removes it (it must be empty by then).
 */
export const createCpuCgroup = (
  vcpu: number,
  name: string,
  roots: CgroupRoots = DEFAULT_ROOTS,
  periodUs = PERIOD_US,
): CpuCgroup | { skipped: string } => {
  const quota = String(Math.max(1000, Math.round(vcpu * periodUs)))
  const tried: string[] = []
  const attempts = [
    ...roots.v2.filter(hasV2Cpu).map((root) => () => {
      const dir = path.join(root, name)
      return make(dir, { 'cpu.max': `${quota} ${periodUs}` }, `v2 ${dir}`)
    }),
    ...roots.v1.filter(hasV1Cpu).map((root) => () => {
      const dir = path.join(root, name)
      const settings = { 'cpu.cfs_period_us': String(periodUs), 'cpu.cfs_quota_us': quota }
      return make(dir, settings, `v1 ${dir}`)
    }),
  ]
  for (const attempt of attempts) {
    try {
      return attempt()
    } catch (error) {
      tried.push((error as Error).message)
    }
  }
  if (tried.length === 0) {
    const all = [...roots.v2, ...roots.v1].join(', ')
    return { skipped: `no cgroup cpu controller found (looked in ${all})` }
  }
  return { skipped: `cgroups not writable: ${tried.join('; ')}` }
}

/**
 * The command that runs `command args` inside the cgroup: a shell that moves itself into it,
 * then becomes the command, so the measured process never runs outside the quota.
 */
export const inCgroup = (
  cgroup: Pick<CpuCgroup, 'procsFile'>,
  command: string,
  args: readonly string[],
): [string, string[]] => [
  '/bin/sh',
  ['-c', 'echo $$ > "$0" && exec "$@"', cgroup.procsFile, command, ...args],
]

export interface ShareFigures extends CpuShare {
  cgroup: string
  /** Spawn → first response under the quota. */
  service: Summary
  floor: Summary
  /** Median of service − floor over runs taken back to back. */
  gapMs: number | null
  ratio: number | null
}

export type ShareResult = ShareFigures | (CpuShare & { skipped: string })

type Side = 'service' | 'floor'

/**
 * Cold starts of both bundles, alternately, in a cgroup per share. `coldStart` runs one and
 * returns its spawn → first response time.
 */
export const measureShares = async (
  counts: { spawns: number; warmup: number; periodUs?: number },
  coldStart: (side: Side, cgroup: CpuCgroup) => Promise<number>,
  shares: readonly CpuShare[] = LAMBDA_SHARES,
  roots: CgroupRoots = DEFAULT_ROOTS,
): Promise<ShareResult[]> => {
  const results: ShareResult[] = []
  for (const share of shares) {
    const name = `bench-${process.pid}-${share.memoryMb}mb`
    const cgroup = createCpuCgroup(share.vcpu, name, roots, counts.periodUs)
    if ('skipped' in cgroup) {
      results.push({ ...share, skipped: cgroup.skipped })
      continue
    }
    const ms: Record<Side, number[]> = { service: [], floor: [] }
    try {
      for (let i = 0; i < counts.warmup + counts.spawns; i++) {
        const order: Side[] = i % 2 === 0 ? ['service', 'floor'] : ['floor', 'service']
        for (const side of order) {
          const spawnToResponse = await coldStart(side, cgroup)
          if (i >= counts.warmup) ms[side].push(spawnToResponse)
        }
      }
    } finally {
      cgroup.remove()
    }
    results.push({
      ...share,
      cgroup: cgroup.describe,
      service: summarize(ms.service),
      floor: summarize(ms.floor),
      gapMs: pairedDifference(ms.service, ms.floor),
      ratio: pairedRatio(ms.service, ms.floor),
    })
  }
  return results
}
