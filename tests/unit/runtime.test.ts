import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { RUNTIME_NODE } from '../../scripts/select-node.mjs'

describe('test runtime', () => {
  // `npm ci --ignore-scripts`, a Node switched after installing, or a platform without a bundled
  // Node would leave another Node in charge silently; the suite pins Lambda's nodejs24.x
  // behaviour (its charset decoding differs on 22), so say so instead.
  it(`runs on Node ${RUNTIME_NODE} or later, as Lambda does`, () => {
    const major = Number(process.versions.node.split('.')[0])
    assert.ok(
      major >= RUNTIME_NODE,
      `running ${process.version} at ${process.execPath}: run npm ci, which links the bundled Node 24 when the machine's Node is older (scripts/select-node.mjs), or install Node ${RUNTIME_NODE} (.nvmrc)`,
    )
  })
})
