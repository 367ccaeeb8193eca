import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { replaceBlock } from '../../scripts/lib/doc-block.ts'
import { PERFORMANCE_DOC } from '../lib/performance-doc.ts'

describe('docs/performance.md', () => {
  it('has one block for each thing --readme writes: bench, schema libraries, load', () => {
    const doc = readFileSync(PERFORMANCE_DOC, 'utf8')
    for (const name of ['bench', 'schema-libraries', 'load']) {
      assert.doesNotThrow(() => replaceBlock(doc, name, 'x'), name)
    }
  })
})
