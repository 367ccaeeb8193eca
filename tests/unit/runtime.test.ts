import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

describe('test runtime', () => {
  // `npm ci --ignore-scripts` (or a blocked install script) silently leaves the machine's Node 20
  // in charge; Middy 7 and the Lambda runtime (nodejs24.x) need 22+, so say so instead.
  it('runs on the Node 24 binary installed from node_modules', () => {
    assert.match(process.version, /^v24\./, `running ${process.version} at ${process.execPath}`)
    assert.match(process.execPath, /node_modules/)
  })
})
