// A code sample in docs/ is a real file: the block after `<!-- sample: <file> -->` must be that
// file, byte for byte, so what the docs show is what the type check and the tests ran.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, it } from 'node:test'
import { projectRoot } from '../../scripts/lib/sls.ts'

const DOCS = ['docs/endpoints.md', 'docs/auth-cors.md']

describe('docs code samples', () => {
  for (const doc of DOCS) {
    it(`shows in ${doc} every sample file as it is`, async () => {
      const text = await readFile(path.join(projectRoot, doc), 'utf8')
      const samples = [...text.matchAll(/<!-- sample: (\S+) -->\n```[a-z]*\n([\s\S]*?)```/g)]
      assert.ok(samples.length > 0, `${doc} has no samples`)
      for (const [, file = '', block] of samples) {
        assert.equal(block, await readFile(path.join(projectRoot, file), 'utf8'), file)
      }
    })
  }
})
