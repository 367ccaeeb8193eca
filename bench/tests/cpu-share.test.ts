import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { promisify } from 'node:util'
import {
  type CgroupRoots,
  createCpuCgroup,
  inCgroup,
  LAMBDA_SHARES,
  measureShares,
  shareOf,
} from '../lib/cpu-share.ts'

const execFileAsync = promisify(execFile)
const scratch = mkdtempSync(path.join(tmpdir(), 'cpu-share-'))
after(() => rmSync(scratch, { recursive: true, force: true }))

/** A directory that looks like a cgroup mount to the code (plain files, no kernel behind it). */
const fakeRoot = (name: string, files: Record<string, string>): string => {
  const root = path.join(scratch, name)
  mkdirSync(root, { recursive: true })
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(root, file), content)
  return root
}

describe('Lambda CPU shares', () => {
  it('gives 256 MB 0.145 vCPU and 1769 MB one vCPU', () => {
    assert.deepEqual(LAMBDA_SHARES, [
      { label: '0.145 vCPU (256 MB)', memoryMb: 256, vcpu: 0.145 },
      { label: '1 vCPU (1769 MB)', memoryMb: 1769, vcpu: 1 },
    ])
    assert.equal(shareOf(3538).vcpu, 2)
  })
})

describe('createCpuCgroup', () => {
  it('sets a cgroup v2 quota in cpu.max over 10 ms periods', () => {
    const root = fakeRoot('v2', { 'cgroup.controllers': 'cpuset cpu io memory' })
    const cgroup = createCpuCgroup(0.145, 'bench-a', { v2: [root], v1: [] })
    assert.ok(!('skipped' in cgroup))
    assert.equal(cgroup.describe, `v2 ${path.join(root, 'bench-a')}`)
    assert.equal(readFileSync(path.join(root, 'bench-a', 'cpu.max'), 'utf8'), '1450 10000')
    assert.equal(cgroup.procsFile, path.join(root, 'bench-a', 'cgroup.procs'))
  })

  it('falls back to the v1 cpu hierarchy, and removes what it made', () => {
    const v2 = fakeRoot('v2-without-cpu', { 'cgroup.controllers': 'memory pids' })
    const v1 = fakeRoot('v1', { 'cpu.cfs_quota_us': '-1' })
    const cgroup = createCpuCgroup(1, 'bench-b', { v2: [v2], v1: [v1] })
    assert.ok(!('skipped' in cgroup))
    const dir = path.join(v1, 'bench-b')
    assert.equal(readFileSync(path.join(dir, 'cpu.cfs_period_us'), 'utf8'), '10000')
    assert.equal(readFileSync(path.join(dir, 'cpu.cfs_quota_us'), 'utf8'), '10000')
    rmSync(path.join(dir, 'cpu.cfs_period_us'))
    rmSync(path.join(dir, 'cpu.cfs_quota_us'))
    cgroup.remove()
    assert.equal(existsSync(dir), false)
  })

  it('takes another period when asked, the quota scaled to it', () => {
    const v1 = fakeRoot('v1-period', { 'cpu.cfs_quota_us': '-1' })
    createCpuCgroup(0.145, 'bench-p', { v2: [], v1: [v1] }, 100_000)
    assert.equal(readFileSync(path.join(v1, 'bench-p', 'cpu.cfs_period_us'), 'utf8'), '100000')
    assert.equal(readFileSync(path.join(v1, 'bench-p', 'cpu.cfs_quota_us'), 'utf8'), '14500')
  })

  it('keeps the quota at the kernel minimum of 1 ms per period', () => {
    const v1 = fakeRoot('v1-min', { 'cpu.cfs_quota_us': '-1' })
    createCpuCgroup(0.01, 'bench-c', { v2: [], v1: [v1] })
    assert.equal(readFileSync(path.join(v1, 'bench-c', 'cpu.cfs_quota_us'), 'utf8'), '1000')
  })

  it('says why it skips: no cpu controller, or one it cannot write to', () => {
    const none: CgroupRoots = { v2: [path.join(scratch, 'absent')], v1: [] }
    assert.deepEqual(createCpuCgroup(1, 'x', none), {
      skipped: `no cgroup cpu controller found (looked in ${path.join(scratch, 'absent')})`,
    })
    const v1 = fakeRoot('v1-taken', { 'cpu.cfs_quota_us': '-1', 'bench-d': 'a file in the way' })
    const result = createCpuCgroup(1, 'bench-d', { v2: [], v1: [v1] })
    assert.ok('skipped' in result)
    assert.match(result.skipped, /^cgroups not writable: EEXIST/)
  })
})

describe('inCgroup', () => {
  it('moves the process into the cgroup before it becomes the command, keeping its pid', async () => {
    const procsFile = path.join(scratch, 'cgroup.procs')
    const [command, args] = inCgroup({ procsFile }, process.execPath, ['-p', 'process.pid'])
    const { stdout } = await execFileAsync(command, args)
    assert.equal(readFileSync(procsFile, 'utf8').trim(), stdout.trim())
  })
})

describe('measureShares', () => {
  it('alternates the bundles per share and reports the median back-to-back gap', async () => {
    const v1 = fakeRoot('v1-measure', { 'cpu.cfs_quota_us': '-1' })
    const calls: string[] = []
    // Per share: one warm-up pair, then three measured ones.
    const times = { service: [500, 510, 600, 900], floor: [480, 500, 480, 890] }
    const results = await measureShares(
      { spawns: 3, warmup: 1 },
      async (side, cgroup) => {
        const dir = path.dirname(cgroup.procsFile)
        calls.push(`${side}@${path.basename(dir)}`)
        const done = calls.filter((c) => c.endsWith(path.basename(dir)))
        // A real cgroup can be removed with its control files in it; a plain folder cannot.
        if (done.length === 8) {
          for (const file of ['cpu.cfs_period_us', 'cpu.cfs_quota_us']) rmSync(path.join(dir, file))
        }
        return times[side][done.filter((c) => c.startsWith(side)).length - 1] ?? Number.NaN
      },
      [shareOf(256), shareOf(1769)],
      { v2: [], v1: [v1] },
    )
    const name = (mb: number) => `bench-${process.pid}-${mb}mb`
    assert.deepEqual(calls.slice(0, 4), [
      `service@${name(256)}`,
      `floor@${name(256)}`,
      `floor@${name(256)}`,
      `service@${name(256)}`,
    ])
    assert.equal(calls.length, 16)
    assert.equal(calls[8], `service@${name(1769)}`)
    assert.equal(existsSync(path.join(v1, name(256))), false)
    for (const result of results) {
      assert.ok(!('skipped' in result))
      // Pairs after the warm-up: 510 − 500, 600 − 480, 900 − 890; not 600 − 500.
      assert.equal(result.gapMs, 10)
      assert.equal(result.service.median, 600)
      assert.equal(result.floor.median, 500)
      assert.equal(result.cgroup, `v1 ${path.join(v1, name(result.memoryMb))}`)
    }
  })

  it('reports a share it cannot measure as skipped, with the reason', async () => {
    const none = { v2: [], v1: [path.join(scratch, 'absent')] }
    const results = await measureShares(
      { spawns: 1, warmup: 0 },
      async () => 1,
      [shareOf(256)],
      none,
    )
    assert.deepEqual(results, [
      {
        label: '0.145 vCPU (256 MB)',
        memoryMb: 256,
        vcpu: 0.145,
        skipped: `no cgroup cpu controller found (looked in ${path.join(scratch, 'absent')})`,
      },
    ])
  })
})
