// `npm run bench` and `npm run test:load` go through scripts/run-if-present.ts: once a fork has
// deleted bench/, they say so (and fail) instead of throwing MODULE_NOT_FOUND.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'
import { projectRoot } from '../../scripts/lib/sls.ts'

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['scripts/run-if-present.ts', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
  })

describe('scripts/run-if-present.ts', () => {
  it('says the folder was deleted and exits 1 when the script is missing', () => {
    const result = run('gone/bench.ts', '--readme')
    assert.equal(result.status, 1)
    assert.equal(
      result.stderr.trim(),
      'gone/bench.ts is not in this tree (gone/ was deleted), so there is nothing to run.',
    )
  })

  it("runs a script that is there with the arguments given, and exits with the script's status", () => {
    const result = run('scripts/run-if-present.ts', 'gone/x.ts')
    assert.equal(result.status, 1)
    assert.match(result.stderr, /gone\/x\.ts is not in this tree/)
  })
})
