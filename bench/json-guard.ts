// Micro-benchmark of the JSON prototype guard (src/lib/json-guard.ts), the figures an upstream
// change to @middy/util's `jsonParseProtectProto` would carry:
//   PATH=$PWD/node_modules/.bin:$PATH node bench/json-guard.ts [--rounds 15] [--readme]
// Per body: Middy's guarded parse (a JSON.parse reviver), the scan plus plain JSON.parse (what the
// body parser does for a body the scan clears), and plain JSON.parse alone. The three take turns
// within each round, so drift touches each alike; the figure is the median over rounds of the mean
// time per parse. With --readme it rewrites the `json-guard` block of docs/performance.md.
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { jsonParseProtectProto } from '@middy/util'
import { writeDocBlock } from '../scripts/lib/doc-block.ts'
import { mayHoldForbiddenKey } from '../src/lib/json-guard.ts'
import { jsonBody } from './lib/measure.ts'
import { PERFORMANCE_DOC } from './lib/performance-doc.ts'
import { summarize } from './lib/stats.ts'

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '15' },
    readme: { type: 'boolean', default: false },
  },
})
const rounds = Number(flags.rounds)

const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor'.split(
  ' ',
)
/** Prose-like records: many lowercase letters, the worst case for the scan. */
const textBody = (bytes: number): string => {
  const items: unknown[] = []
  for (let i = 0; JSON.stringify(items).length < bytes; i++) {
    const text = Array.from({ length: 12 }, (_, k) => words[(i + k * 5) % words.length]).join(' ')
    items.push({ id: i, title: `${words[i % words.length]} ${i}`, text, tags: [words[i % 7]] })
  }
  return JSON.stringify(items)
}

const BODIES: readonly [string, string][] = [
  ['/example JSON, 22 B', '{"Message":"Test123"}'],
  [
    'order, 0.3 KiB',
    JSON.stringify({
      customer: { name: 'Jane', email: 'jane@example.com' },
      items: [
        { sku: 'A-1', qty: 2 },
        { sku: 'B-7', qty: 1 },
      ],
      note: 'Leave at the door',
      total: 42.5,
    }),
  ],
  ['records, 4 KiB', jsonBody(4 * 1024)],
  ['records, 64 KiB', jsonBody(64 * 1024)],
  ['prose, 64 KiB', textBody(64 * 1024)],
  ['prose, non-ASCII escaped, 64 KiB', textBody(64 * 1024).replace(/o/g, '\\u00f6')],
  ['records, 1 MiB', jsonBody(1024 * 1024)],
]

const guarded = (text: string) => jsonParseProtectProto(text, undefined, 'bench')
const scanned = (text: string) => (mayHoldForbiddenKey(text) ? guarded(text) : JSON.parse(text))
const CONTENDERS = {
  'Middy guard (reviver)': guarded,
  'scan + JSON.parse': scanned,
  'JSON.parse': JSON.parse,
}

/** Mean µs per call over a batch of about 20 ms. */
const timeBatch = (fn: (text: string) => unknown, text: string, n: number): number => {
  const start = process.hrtime.bigint()
  for (let i = 0; i < n; i++) fn(text)
  return Number(process.hrtime.bigint() - start) / 1e3 / n
}

const rows: string[][] = []
for (const [name, text] of BODIES) {
  if (mayHoldForbiddenKey(text)) throw new Error(`${name}: the scan flags it`)
  // Calls per batch, from one warm-up call of the slowest.
  for (let i = 0; i < 50; i++) guarded(text)
  const n = Math.max(5, Math.round(20_000 / Math.max(0.05, timeBatch(guarded, text, 5))))
  const samples = new Map<string, number[]>(Object.keys(CONTENDERS).map((k) => [k, []]))
  for (let r = 0; r < rounds; r++) {
    for (const [label, fn] of Object.entries(CONTENDERS))
      samples.get(label)?.push(timeBatch(fn, text, n))
  }
  const median = (label: string) => summarize(samples.get(label) ?? []).median
  const stock = median('Middy guard (reviver)')
  const fast = median('scan + JSON.parse')
  const plain = median('JSON.parse')
  const us = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1))
  rows.push([
    name,
    us(stock),
    us(fast),
    us(plain),
    `${(stock / fast).toFixed(1)}×`,
    `${((fast / plain - 1) * 100).toFixed(0)} %`,
  ])
}

const header = [
  'body',
  'Middy guard, µs',
  'scan + JSON.parse, µs',
  'JSON.parse, µs',
  'speed-up',
  'scan cost',
]
const table = [
  `| ${header.join(' | ')} |`,
  '|---|--:|--:|--:|--:|--:|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n')
const machine = `Node ${process.version}, ${cpus()[0]?.model ?? 'unknown'} ×${cpus().length}`
const when = new Date().toISOString().slice(0, 10)
const intro = `Last run: ${when}, \`node bench/json-guard.ts --readme\`, ${machine}, load average ${loadavg()[0]?.toFixed(2)}: median of ${rounds} rounds of the mean time per parse.`
process.stdout.write(`${intro}\n\n${table}\n`)
if (flags.readme) writeDocBlock(PERFORMANCE_DOC, 'json-guard', `${intro}\n\n${table}`)
