import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MINIMUM_NODE } from '../../scripts/select-node.mjs'

describe('test runtime', () => {
  // `npm ci --ignore-scripts`, a Node switched after installing, or a platform without a bundled
  // Node would leave an older Node in charge silently; Middy 7 needs 22+, so say so instead.
  it(`runs on Node ${MINIMUM_NODE} or later`, () => {
    const major = Number(process.versions.node.split('.')[0])
    assert.ok(
      major >= MINIMUM_NODE,
      `running ${process.version} at ${process.execPath}: run npm ci, which links the bundled Node 24 when the machine's Node is older than ${MINIMUM_NODE} (scripts/select-node.mjs)`,
    )
  })
})
