// CI's fork check (scripts/fork-check.sh) must fail CI when the suite fails on the fork: its exit
// status is pinned here with the suite replaced by a quick command (FORK_CHECK_SUITE), on the
// committed tree as the check itself clones it.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { rm } from 'node:fs/promises'
import { describe, it } from 'node:test'
import { projectRoot } from '../../scripts/lib/sls.ts'

const forkCheck = (suite: string) =>
  new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      'bash',
      ['scripts/fork-check.sh'],
      { cwd: projectRoot, env: { ...process.env, FORK_CHECK_SUITE: suite }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        resolve({ code, output: stdout + stderr })
      },
    )
  })

// What the suite finds in the fork: the notes API in src/, /example, examples/ and bench/ gone,
// the service renamed, openapi.json written for the new routes.
const FORKED = [
  'test -f src/notes/store.ts -a -f src/middleware/require-if-match.ts',
  'test ! -e src/handlers/example.ts -a ! -e examples -a ! -e bench',
  '! grep -q "^service: example-service" serverless.yml',
  'grep -q "/notes/{noteId}" openapi.json',
].join(' && ')

describe('scripts/fork-check.sh', () => {
  it('builds the fork and reports green when the suite passes on it', async () => {
    const { code, output } = await forkCheck(FORKED)
    assert.equal(code, 0, output)
    assert.match(output, /fork-check: the suite is green on the fork/)
  })

  it('exits non-zero and shows the log when the suite fails on the fork', async () => {
    const { code, output } = await forkCheck('echo "suite failed on purpose" && false')
    assert.notEqual(code, 0, output)
    assert.match(output, /fork-check: FAILED on the fork/)
    assert.match(output, /suite failed on purpose/)
    const tree = /tree (\S+), log (\S+)/.exec(output)
    for (const leftover of [tree?.[1], tree?.[2]]) {
      if (leftover) await rm(leftover, { recursive: true, force: true })
    }
  })
})
