import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { README_PATH, replaceBlock, writeReadmeBlock } from '../../scripts/readme-block.ts'

const scratch = mkdtempSync(path.join(tmpdir(), 'readme-block-'))
after(() => rmSync(scratch, { recursive: true, force: true }))

const DOC = 'intro\n<!-- bench:begin -->\nold figures\n<!-- bench:end -->\noutro\n'

describe('replaceBlock', () => {
  it('replaces what lies between the markers and nothing else', () => {
    assert.equal(
      replaceBlock(DOC, 'bench', '\n| new | table |\n\n'),
      'intro\n<!-- bench:begin -->\n| new | table |\n<!-- bench:end -->\noutro\n',
    )
  })

  it('refuses a text without exactly one such block', () => {
    const message = /README needs exactly one '<!-- load:begin -->' … '<!-- load:end -->' block/
    assert.throws(() => replaceBlock(DOC, 'load', 'x'), message)
    const twice = `${DOC}<!-- load:begin -->\n<!-- load:end -->\n<!-- load:begin -->\n`
    assert.throws(() => replaceBlock(twice, 'load', 'x'), message)
    const reversed = '<!-- load:end -->\n<!-- load:begin -->\n'
    assert.throws(() => replaceBlock(reversed, 'load', 'x'), message)
  })

  it('finds one bench block and one load block in README.md', () => {
    const readme = readFileSync(README_PATH, 'utf8')
    for (const name of ['bench', 'load']) {
      assert.doesNotThrow(() => replaceBlock(readme, name, 'x'), name)
    }
  })
})

describe('writeReadmeBlock', () => {
  it('rewrites the block of the given file', () => {
    const file = path.join(scratch, 'README.md')
    writeFileSync(file, DOC)
    const saved = process.env.NODE_TEST_CONTEXT
    delete process.env.NODE_TEST_CONTEXT
    try {
      writeReadmeBlock('bench', 'fresh', file)
    } finally {
      if (saved !== undefined) process.env.NODE_TEST_CONTEXT = saved
    }
    assert.equal(readFileSync(file, 'utf8'), DOC.replace('old figures', 'fresh'))
  })

  it('refuses to write from inside the test runner, so tiny test counts never reach the README', () => {
    const file = path.join(scratch, 'README.md')
    writeFileSync(file, DOC)
    const saved = process.env.NODE_TEST_CONTEXT
    process.env.NODE_TEST_CONTEXT = 'child'
    try {
      assert.throws(() => writeReadmeBlock('bench', 'tiny', file), /refusing to rewrite README/)
    } finally {
      if (saved === undefined) delete process.env.NODE_TEST_CONTEXT
      else process.env.NODE_TEST_CONTEXT = saved
    }
    assert.equal(readFileSync(file, 'utf8'), DOC)
  })
})
