// Which schema library the README's example uses is picked by cost: the same five-field order
// endpoint (examples/orders.ts, ported to each library in tests/fixtures/schemas/) against /example,
// each built as deployed; bundle bytes, and cold start as the median of back-to-back ratios to
// /example (spawn → first response, the valid order for the endpoints, the form request for /example).
import { loadEvent } from '../../tests/fixtures/events.ts'
import type { BundleInfo } from './build.ts'
import type { BenchEvent } from './runner.ts'
import { pairedRatio, type Summary, summarize } from './stats.ts'

export const SCHEMA_ENDPOINTS = [
  { library: 'Valibot 1', entry: 'tests/fixtures/schemas/valibot.ts', packages: ['valibot'] },
  { library: 'Zod 4 Mini', entry: 'tests/fixtures/schemas/zod-mini.ts', packages: ['zod'] },
  { library: 'Zod 4', entry: 'tests/fixtures/schemas/zod.ts', packages: ['zod'] },
  {
    library: 'ArkType 2',
    entry: 'tests/fixtures/schemas/arktype.ts',
    packages: ['arktype', '@ark'],
  },
] as const

const ORDER =
  '{"email":"ada@example.com","items":[{"sku":"ABC-1234","quantity":2}],"note":"ring twice"}'

/**
 * The valid order as API Gateway would send it to POST /orders, with the claims its authorizer
 * verified (examples/orders.ts requires orders:write; the ports ignore them).
 */
export const orderEvent = (): BenchEvent => {
  const event = loadEvent('orders')
  event.body = ORDER
  event.headers = { ...event.headers, 'content-length': String(ORDER.length) }
  return { name: 'order', event }
}

interface Figures {
  entry: string
  bytes: number
  gzipBytes: number
  coldStartMs: Summary
}

export interface SchemaLibraryFigures extends Figures {
  library: string
  /** What the schema library itself adds to the minified bundle. */
  libraryBytes: number
  /** Median of back-to-back ratios to /example's cold start. */
  coldStartRatio: number | null
}

export interface SchemaBenchResult {
  example: Figures
  endpoints: SchemaLibraryFigures[]
}

export interface SchemaBenchInput {
  example: BundleInfo
  endpoints: { library: string; bundle: BundleInfo; packages: readonly string[] }[]
  spawns: number
  /** Spawns one cold process on a bundle with an event; resolves to spawn → response ms. */
  cold: (bundle: BundleInfo, event: BenchEvent) => Promise<number>
}

const bytesOf = (bundle: BundleInfo, packages: readonly string[]): number =>
  bundle.packages
    .filter(({ path }) => packages.some((name) => path === name || path.startsWith(`${name}/`)))
    .reduce((sum, share) => sum + share.bytes, 0)

export const benchSchemaLibraries = async (input: SchemaBenchInput): Promise<SchemaBenchResult> => {
  const exampleForm: BenchEvent = { name: 'form', event: loadEvent('form-base64') }
  const order = orderEvent()
  const exampleMs: number[] = []
  const endpointMs = input.endpoints.map((): number[] => [])
  for (let i = 0; i < input.spawns; i++) {
    // /example first on even rounds, last on odd ones, so neither side always runs warmer.
    if (i % 2 === 0) exampleMs.push(await input.cold(input.example, exampleForm))
    for (const [k, endpoint] of input.endpoints.entries()) {
      endpointMs[k]?.push(await input.cold(endpoint.bundle, order))
    }
    if (i % 2 === 1) exampleMs.push(await input.cold(input.example, exampleForm))
  }
  const { entry, bytes, gzipBytes } = input.example
  return {
    example: { entry, bytes, gzipBytes, coldStartMs: summarize(exampleMs) },
    endpoints: input.endpoints.map(({ library, bundle, packages }, k) => ({
      library,
      entry: bundle.entry,
      bytes: bundle.bytes,
      gzipBytes: bundle.gzipBytes,
      libraryBytes: bytesOf(bundle, packages),
      coldStartMs: summarize(endpointMs[k] ?? []),
      coldStartRatio: pairedRatio(endpointMs[k] ?? [], exampleMs),
    })),
  }
}

/** Markdown, for the terminal and the README. */
export const formatSchemaTable = ({ example, endpoints }: SchemaBenchResult): string => {
  const n = (value: number) => value.toLocaleString('en-US')
  const size = (f: Figures) => `${n(f.bytes)} / ${n(f.gzipBytes)} B`
  const cold = (f: Figures) => `${f.coldStartMs.median.toFixed(1)} ms`
  const header = [
    ...['endpoint', 'bundle min / gzip', 'vs /example', 'schema library share'],
    ...['cold start, median', 'cold vs /example ¹'],
  ]
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  return [
    line(header),
    line(header.map((_, i) => (i === 0 ? '---' : '--:'))),
    line(['/example, no schema', size(example), '–', '–', cold(example), '1.00']),
    ...endpoints.map((f) =>
      line([
        `orders, ${f.library}`,
        size(f),
        `+${n(f.bytes - example.bytes)} B`,
        `${n(f.libraryBytes)} B`,
        cold(f),
        f.coldStartRatio === null ? 'n/a' : f.coldStartRatio.toFixed(2),
      ]),
    ),
    '',
    '¹ median of the ratios of runs taken back to back with /example (cancels drift)',
  ].join('\n')
}
