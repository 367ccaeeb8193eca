import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, it, mock } from 'node:test'
import { selectNode } from '../../scripts/select-node.mjs'

describe('selectNode (npm install: which Node runs the npm scripts)', () => {
  let bin: string
  beforeEach(async () => {
    bin = path.join(await mkdtemp(path.join(tmpdir(), 'select-node-')), '.bin')
    await mkdir(bin)
    mock.method(console, 'log', () => {})
  })
  afterEach(async () => {
    mock.restoreAll()
    await rm(path.dirname(bin), { recursive: true, force: true })
  })
  const link = () => writeFile(path.join(bin, 'node'), '')

  it("unlinks the bundled Node when the machine's Node is Lambda's 24 or later", async () => {
    await link()
    assert.equal(selectNode('v24.0.0', bin), 0)
    assert.equal(existsSync(path.join(bin, 'node')), false)
  })

  it("keeps the bundled Node when the machine's Node is older than 24", async () => {
    for (const version of ['v20.20.2', 'v22.23.5']) {
      await link()
      assert.equal(selectNode(version, bin), 0)
      assert.equal(existsSync(path.join(bin, 'node')), true, version)
    }
  })

  it('warns, saying what to do, on Node 22 or 23 with no bundled Node for the platform', () => {
    const warn = mock.method(console, 'warn', () => {})
    assert.equal(selectNode('v22.23.5', bin, 'darwin-arm64'), 0)
    assert.match(String(warn.mock.calls[0]?.arguments[0]), /darwin-arm64: install Node 24/)
  })

  it('fails the install, saying what to do, below Node 22 with no bundled Node for the platform', () => {
    const error = mock.method(console, 'error', () => {})
    assert.equal(selectNode('v20.20.2', bin, 'darwin-arm64'), 1)
    assert.match(String(error.mock.calls[0]?.arguments[0]), /darwin-arm64: install Node 24/)
  })
})
