// Property-based tests (fast-check): round trips and hostile input through the real Middy chain.
// One process for the whole suite so that the figure printed at the end is the total.
//
//   FC_SEED=<int>        seed (default 42); a failure prints it, and the same seed replays the run
//   FC_RUNS_SCALE=<x>    multiplies every property's run count (default 1)
//
// `npm run properties` runs this file alone; with `-- --readme`, a run at the defaults that
// passed writes its event count into docs/reliability.md.
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import fc from 'fast-check'
import { charsets } from './charsets.ts'
import { contentEncoding } from './content-encoding.ts'
import { hostileInput } from './hostile-input.ts'
import { roundTrips } from './round-trips.ts'
import { assertPrototypesIntact, replayHint, SEED, stats } from './support.ts'
import { validation } from './validation.ts'

describe('property: round trips through the chain', roundTrips)

describe('property: charsets by WHATWG Encoding label', charsets)

describe('property: request Content-Encoding', contentEncoding)

describe('property: hostile input', hostileInput)

describe('property: validation problems never echo a value', validation)

describe('property: reproducibility', () => {
  it('reports the seed and the path of a failure, and the seed replays it', async () => {
    const failing = () =>
      fc.asyncProperty(fc.nat(), async (n) => {
        assert.ok(n < 1000)
      })
    const failure = async () => {
      try {
        await fc.assert(failing(), { seed: SEED, numRuns: 1000 })
      } catch (error) {
        return error instanceof Error ? error.message : String(error)
      }
      return assert.fail('the failing property passed')
    }
    const message = await failure()
    assert.match(message, new RegExp(`seed: ${SEED}, path: "[\\d:]+"`))
    assert.match(message, /Counterexample: \[1000\]/)
    assert.equal(await failure(), message, 'the same seed must fail the same way')
  })
})

after(() => {
  assertPrototypesIntact()
  // Outside any capture and with every logger SILENT: this is the only line the suite prints.
  // `npm run properties -- --readme` reads it to write the count into docs/reliability.md.
  console.log(`property events: ${stats.events} (seed ${SEED}; replay: ${replayHint})`)
})
