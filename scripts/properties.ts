// `npm run properties`: the property suite alone. With --readme, a run at the default seed and
// scale that passed writes its event count into docs/reliability.md, so the figure there is
// always one this command measured, and a growing suite never fails a test over prose.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { writeDocBlock } from './lib/doc-block.ts'

const { values } = parseArgs({ options: { readme: { type: 'boolean', default: false } } })
const suite = fileURLToPath(new URL('../tests/property/properties.test.ts', import.meta.url))
const doc = fileURLToPath(new URL('../docs/reliability.md', import.meta.url))

const run = spawnSync(process.execPath, ['--test', suite], { encoding: 'utf8' })
process.stdout.write(run.stdout)
process.stderr.write(run.stderr)
if (run.status !== 0) process.exit(run.status ?? 1)

const match = /property events: (\d+) \(seed (\d+);/.exec(run.stdout)
if (!match) throw new Error('the property suite printed no "property events" line')
const [, events = '', seed = ''] = match
if (values.readme) {
  if (process.env.FC_SEED || process.env.FC_RUNS_SCALE) {
    console.log('docs/reliability.md left as it was: FC_SEED or FC_RUNS_SCALE is set')
  } else {
    const count = Number(events).toLocaleString('en-US')
    const when = new Date().toISOString().slice(0, 10)
    writeDocBlock(
      doc,
      'properties',
      `Last run: ${when}, \`npm run properties -- --readme\`, ${process.version}: ${count} events (seed ${seed}), 0 failures.`,
    )
    console.log(`wrote ${count} events into docs/reliability.md`)
  }
}
