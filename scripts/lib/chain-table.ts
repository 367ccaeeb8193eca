// The chain's table has one source, the doc comment of createHttpHandler: the README and
// docs/request-contract.md show it between `<!-- chain:begin -->` and `<!-- chain:end -->`, copied
// by `npm run docs` and compared by tests/docs/chain-table.test.ts.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { replaceBlock } from './doc-block.ts'
import { projectRoot } from './sls.ts'

export const CHAIN_SOURCE = 'src/http/create-http-handler.ts'
export const CHAIN_DOCS = ['README.md', 'docs/request-contract.md']
export const CHAIN_BLOCK = 'chain'

/** The Markdown table in the source's doc comment: its ` * |` lines, without the ` * `. */
export function chainTable(source = readFileSync(path.join(projectRoot, CHAIN_SOURCE), 'utf8')) {
  const lines = source.split('\n')
  const first = lines.findIndex((line) => line.startsWith(' * | # |'))
  if (first === -1) throw new Error(`${CHAIN_SOURCE} has no ' * | # |' table in a doc comment`)
  const rows: string[] = []
  for (const line of lines.slice(first)) {
    if (!line.startsWith(' * |')) break
    rows.push(line.slice(3))
  }
  return rows.join('\n')
}

/** `doc`'s text with its chain block holding the source's table. */
export const withChainTable = (doc: string, table = chainTable()): string =>
  replaceBlock(doc, CHAIN_BLOCK, table)
