// docs/testing.md's "Test your endpoint" sample is a real test file, run by `npm test` and by the
// fork check: the block after `<!-- sample: <file> -->` must be that file, byte for byte
// (`npm run docs` copies it in).
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, it } from 'node:test'
import { SAMPLE_DOCS, samplesOf } from '../../scripts/lib/doc-samples.ts'
import { projectRoot } from '../../scripts/lib/sls.ts'

for (const DOC of SAMPLE_DOCS) {
  describe(DOC, () => {
    it('shows every sample file as it is', async () => {
      const text = await readFile(path.join(projectRoot, DOC), 'utf8')
      const samples = samplesOf(text)
      assert.ok(samples.length > 0, `${DOC} has no samples`)
      for (const { file, block } of samples) {
        const actual = await readFile(path.join(projectRoot, file), 'utf8')
        assert.equal(block, actual, `${file} changed: run \`npm run docs\``)
      }
    })

    it('samples a test file that npm test runs', async () => {
      const { scripts } = JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8'))
      const text = await readFile(path.join(projectRoot, DOC), 'utf8')
      for (const [, file = ''] of text.matchAll(/<!-- sample: (\S+\.test\.ts) -->/g)) {
        const globs = [...String(scripts.test).matchAll(/'([^']+\.test\.ts)'/g)].map(
          (m) => m[1] ?? '',
        )
        assert.ok(
          globs.some((glob) => path.matchesGlob(file, glob)),
          `${file} is not among the files npm test runs (${globs.join(' ')})`,
        )
      }
    })
  })
}
