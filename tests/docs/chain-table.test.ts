// The chain's table is written once, in createHttpHandler's doc comment; the README and
// docs/request-contract.md must show it as it is there (`npm run docs` copies it).
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, it } from 'node:test'
import { CHAIN_DOCS, chainTable, withChainTable } from '../../scripts/lib/chain-table.ts'
import { projectRoot } from '../../scripts/lib/sls.ts'

describe('the chain table', () => {
  it('is read from the doc comment with every step, numbered and handler-step rows alike', () => {
    const rows = chainTable().split('\n')
    assert.match(rows[0] ?? '', /^\| # \| middleware \| before \| after \/ onError \|$/)
    assert.ok(rows.some((row) => row.startsWith('| 1 | `injectLambdaContext`')))
    assert.ok(rows.some((row) => row.startsWith('| – | business function |')))
  })

  it('picks up a row added to the source', () => {
    const source =
      ' * | # | a | b | c |\n * |---|---|---|---|\n * | 1 | x | | |\n * | 2 | new | | |\n *\n'
    assert.equal(
      chainTable(source),
      '| # | a | b | c |\n|---|---|---|---|\n| 1 | x | | |\n| 2 | new | | |',
    )
  })

  for (const doc of CHAIN_DOCS) {
    it(`is shown in ${doc} as the source has it (npm run docs)`, async () => {
      const text = await readFile(path.join(projectRoot, doc), 'utf8')
      assert.equal(text, withChainTable(text), `${doc} differs: run \`npm run docs\``)
    })
  }
})
