// `npm run docs`: copies what the docs show from where it is defined: the chain's table, from the
// doc comment of src/http/create-http-handler.ts into the README and docs/request-contract.md
// (scripts/lib/chain-table.ts), and the sample files into the docs that show them
// (scripts/lib/doc-samples.ts).
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { CHAIN_BLOCK, CHAIN_DOCS, chainTable } from './lib/chain-table.ts'
import { writeDocBlock } from './lib/doc-block.ts'
import { SAMPLE_DOCS, withSamples } from './lib/doc-samples.ts'
import { projectRoot } from './lib/sls.ts'

const table = chainTable()
for (const doc of CHAIN_DOCS) writeDocBlock(path.join(projectRoot, doc), CHAIN_BLOCK, table)
console.log(`wrote the chain table into ${CHAIN_DOCS.join(', ')}`)

for (const doc of SAMPLE_DOCS) {
  const file = path.join(projectRoot, doc)
  writeFileSync(file, withSamples(readFileSync(file, 'utf8')))
}
console.log(`copied the sample files into ${SAMPLE_DOCS.join(', ')}`)
