// `npm run bench` and `npm run test:load` run a script of bench/, which a fork may delete (README,
// "Make it yours"): this says so instead of failing with MODULE_NOT_FOUND.
// Usage: node scripts/run-if-present.ts <script> [args...]
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const [script, ...args] = process.argv.slice(2)
if (!script) {
  console.error('usage: node scripts/run-if-present.ts <script> [args...]')
  process.exit(2)
}
if (!existsSync(script)) {
  const folder = script.split('/')[0]
  console.error(
    `${script} is not in this tree (${folder}/ was deleted), so there is nothing to run.`,
  )
  process.exit(1)
}
const run = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit' })
process.exit(run.status ?? 1)
