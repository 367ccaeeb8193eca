// Runs the guard's micro-benchmark with one round and checks what it prints; timings are never
// asserted.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { describe, it } from 'node:test'
import { promisify } from 'node:util'
import { projectRoot } from '../../scripts/lib/sls.ts'
import { PERFORMANCE_DOC } from '../lib/performance-doc.ts'

const execFileAsync = promisify(execFile)

describe('node bench/json-guard.ts (one round)', () => {
  it('prints a row per body with the three timings, and leaves the docs alone', async () => {
    const before = await readFile(PERFORMANCE_DOC, 'utf8')
    const { stdout } = await execFileAsync(
      process.execPath,
      ['bench/json-guard.ts', '--rounds', '1'],
      {
        cwd: projectRoot,
        timeout: 120_000,
      },
    )
    const rows = stdout.split('\n').filter((line) => /^\| (?!body|---)/.test(line))
    assert.equal(rows.length, 7, stdout)
    for (const row of rows) {
      const cells = row
        .split('|')
        .slice(2, 5)
        .map((cell) => Number(cell.trim()))
      assert.ok(
        cells.every((value) => Number.isFinite(value) && value > 0),
        row,
      )
    }
    assert.equal(await readFile(PERFORMANCE_DOC, 'utf8'), before)
  })
})
