// CI's fork check (scripts/fork-check.sh) must fail CI when the suite fails on the fork: its exit
// status is pinned here with the suite replaced by a quick command (FORK_CHECK_SUITE), on the
// committed tree as the check itself clones it.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import { projectRoot } from '../../scripts/lib/sls.ts'

const forkCheck = (
  suite: string,
  args: string[] = ['fork'],
  script = 'scripts/fork-check.sh',
  env: NodeJS.ProcessEnv = {},
) =>
  new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      'bash',
      [script, ...args],
      {
        cwd: projectRoot,
        env: { ...process.env, FORK_CHECK_SUITE: suite, ...env },
        timeout: 120_000,
      },
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
    assert.match(output, /fork-check fork: the suite is green on the fork/)
  })

  it('keeps the template in variant added, the notes API beside it', async () => {
    const added =
      'test -f src/notes/store.ts -a -f src/handlers/example.ts -a -d examples -a -d bench'
    const { code, output } = await forkCheck(added, ['added'])
    assert.equal(code, 0, output)
    assert.match(output, /fork-check added: the suite is green on the fork/)
  })

  it('exits non-zero and shows the log when the suite fails on the fork', async () => {
    // Both variants run, and the one that fails decides the status.
    const { code, output } = await forkCheck('echo "suite failed on purpose" && test -d examples', [
      'added',
      'fork',
    ])
    assert.notEqual(code, 0, output)
    assert.match(output, /fork-check added: the suite is green on the fork/)
    assert.match(output, /fork-check fork: FAILED on the fork/)
    assert.match(output, /suite failed on purpose/)
    const tree = /tree (\S+), log (\S+)/.exec(output)
    for (const leftover of [tree?.[1], tree?.[2]]) {
      if (leftover) await rm(leftover, { recursive: true, force: true })
    }
  })

  it('fails when there is nothing to check, unless told that is fine', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fork-check-empty-'))
    try {
      await mkdir(path.join(dir, 'scripts'))
      const script = path.join(dir, 'scripts/fork-check.sh')
      await copyFile(path.join(projectRoot, 'scripts/fork-check.sh'), script)
      const missing = await forkCheck('true', [], script)
      assert.equal(missing.code, 1, missing.output)
      assert.match(missing.output, /fork-check: nothing checked/)
      const told = await forkCheck('true', [], script, { FORK_CHECK_OPTIONAL: '1' })
      assert.equal(told.code, 0, told.output)
      assert.match(told.output, /fork-check: nothing checked/)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
