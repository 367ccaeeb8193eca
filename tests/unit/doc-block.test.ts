import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { replaceBlock, writeDocBlock } from '../../scripts/lib/doc-block.ts'

const scratch = mkdtempSync(path.join(tmpdir(), 'doc-block-'))
after(() => rmSync(scratch, { recursive: true, force: true }))

const DOC = 'intro\n<!-- bench:begin -->\nold figures\n<!-- bench:end -->\noutro\n'

const withTestContext = (value: string | undefined, run: () => void) => {
  const saved = process.env.NODE_TEST_CONTEXT
  if (value === undefined) delete process.env.NODE_TEST_CONTEXT
  else process.env.NODE_TEST_CONTEXT = value
  try {
    run()
  } finally {
    if (saved === undefined) delete process.env.NODE_TEST_CONTEXT
    else process.env.NODE_TEST_CONTEXT = saved
  }
}

describe('replaceBlock', () => {
  it('replaces what lies between the markers and nothing else', () => {
    assert.equal(
      replaceBlock(DOC, 'bench', '\n| new | table |\n\n'),
      'intro\n<!-- bench:begin -->\n| new | table |\n<!-- bench:end -->\noutro\n',
    )
  })

  it('refuses a text without exactly one such block', () => {
    const message =
      /the document needs exactly one '<!-- load:begin -->' … '<!-- load:end -->' block/
    assert.throws(() => replaceBlock(DOC, 'load', 'x'), message)
    const twice = `${DOC}<!-- load:begin -->\n<!-- load:end -->\n<!-- load:begin -->\n`
    assert.throws(() => replaceBlock(twice, 'load', 'x'), message)
    const reversed = '<!-- load:end -->\n<!-- load:begin -->\n'
    assert.throws(() => replaceBlock(reversed, 'load', 'x'), message)
  })
})

describe('writeDocBlock', () => {
  it('rewrites the block of the given file', () => {
    const file = path.join(scratch, 'doc.md')
    writeFileSync(file, DOC)
    withTestContext(undefined, () => writeDocBlock(file, 'bench', 'fresh'))
    assert.equal(readFileSync(file, 'utf8'), DOC.replace('old figures', 'fresh'))
  })

  it('refuses to write from inside the test runner, so tiny test counts never reach the docs', () => {
    const file = path.join(scratch, 'doc.md')
    writeFileSync(file, DOC)
    withTestContext('child', () => {
      assert.throws(() => writeDocBlock(file, 'bench', 'tiny'), /refusing to rewrite .*doc\.md/)
    })
    assert.equal(readFileSync(file, 'utf8'), DOC)
  })
})
