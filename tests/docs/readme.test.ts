// The README is the newcomer's page and stays one: depth goes to docs/.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, it } from 'node:test'
import { projectRoot } from '../../scripts/lib/sls.ts'

const README_LIMIT_BYTES = 15_000

describe('README.md', () => {
  it(`stays within ${README_LIMIT_BYTES} bytes`, async () => {
    const { byteLength } = await readFile(path.join(projectRoot, 'README.md'))
    assert.ok(
      byteLength <= README_LIMIT_BYTES,
      `README.md is ${byteLength} B, over ${README_LIMIT_BYTES} B: move depth to docs/`,
    )
  })
})
