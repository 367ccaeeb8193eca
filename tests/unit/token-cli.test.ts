// `npm run token`'s command line: usage on --help, and a one-line error instead of a stack trace.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'
import { projectRoot } from '../../scripts/lib/sls.ts'

const token = (...args: string[]) =>
  spawnSync(process.execPath, ['scripts/token.ts', ...args], { cwd: projectRoot, encoding: 'utf8' })

describe('npm run token', () => {
  it('prints its usage on --help and -h, and exits 0', () => {
    for (const flag of ['--help', '-h']) {
      const run = token(flag)
      assert.equal(run.status, 0)
      assert.match(run.stdout, /^Usage: npm run -s token -- \[options\]/)
      assert.match(run.stdout, /--scope <scopes>/)
      assert.equal(run.stderr, '')
    }
  })

  it('names an unknown option, shows the usage and exits 2, without a stack trace', () => {
    const run = token('--scopes', 'orders:write')
    assert.equal(run.status, 2)
    assert.match(run.stderr, /^Unknown option '--scopes'/)
    assert.match(run.stderr, /Usage:/)
    assert.doesNotMatch(run.stderr, /\n\s+at /)
    assert.equal(run.stdout, '')
  })

  it('still prints a token, and only it, for valid options', () => {
    const run = token('--scope', 'orders:write')
    assert.equal(run.status, 0)
    assert.match(run.stdout, /^[\w-]+\.[\w-]+\.[\w-]+\n$/)
  })
})
