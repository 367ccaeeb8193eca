// `npm run test:load`: the full load run through serverless-offline (see bench/lib/load.ts).
// Sized by flags or environment; exits 1 when any request, status or log line is off. With
// --readme, a run that held writes its summary into docs/performance.md's `load` block.
import { parseArgs } from 'node:util'
import { writeDocBlock } from '../scripts/lib/doc-block.ts'
import { runLoad } from './lib/load.ts'
import { PERFORMANCE_DOC } from './lib/performance-doc.ts'

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: process.env.LOAD_REQUESTS ?? '5000' },
    connections: { type: 'string', default: process.env.LOAD_CONNECTIONS ?? '50' },
    oversized: { type: 'string', default: process.env.LOAD_OVERSIZED ?? '10' },
    'timeout-ms': { type: 'string', default: process.env.LOAD_TIMEOUT_MS ?? '120000' },
    readme: { type: 'boolean', default: false },
  },
})

function positive(name: string, text: string): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be an integer ≥ 0`)
  return value
}

const options = {
  requests: positive('requests', values.requests),
  connections: positive('connections', values.connections),
  oversized: positive('oversized', values.oversized),
  overallTimeoutMs: positive('timeout-ms', values['timeout-ms']),
}
console.log(`bounded by ${options.overallTimeoutMs} ms`)
const report = await runLoad(options)
const { latencyMs } = report
const summary = [
  `load:        ${options.requests} requests, ${options.connections} connections, ${options.oversized} oversized`,
  `requests:    ${report.requests} answered in ${report.durationS} s, after ${report.warmup} warm-up`,
  `kinds:       ${JSON.stringify(report.kinds)}`,
  `statuses:    ${JSON.stringify(report.statuses)}`,
  `errors:      ${report.errors} (timeouts ${report.timeouts})`,
  `log lines:   ${report.summaryLines} 'request completed' (warm-up included)`,
  `throughput:  ${report.reqPerSec} req/s`,
  `latency:     p50 ${latencyMs.p50} ms, p99 ${latencyMs.p99} ms, max ${latencyMs.max} ms`,
]
for (const line of summary) console.log(line)
for (const problem of report.problems) console.log(`PROBLEM: ${problem}`)
console.log(JSON.stringify({ load: report }))
process.exitCode = report.problems.length === 0 ? 0 : 1

if (values.readme) {
  if (report.problems.length > 0) {
    console.log('docs/performance.md left as it was: this run did not hold')
  } else {
    const ran = `Last run: ${new Date().toISOString().slice(0, 10)}, \`npm run test:load -- --readme\`, ${process.version}`
    writeDocBlock(PERFORMANCE_DOC, 'load', `${ran}\n\n\`\`\`\n${summary.join('\n')}\n\`\`\``)
    console.log('rewrote the load block of docs/performance.md')
  }
}
