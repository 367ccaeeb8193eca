// Load through serverless-offline with autocannon: a deterministic mix of /example's requests and
// the main rejections, every request tagged by a unique user agent so that each response and each
// `request completed` log line can be matched to the request that caused it (offline's requestId
// is a fixed placeholder, so it cannot).
import { isDeepStrictEqual } from 'node:util'
import { type OfflineServer, startOffline } from '../../scripts/lib/offline.ts'
import { type AutocannonRequest, type AutocannonResult, autocannon } from './autocannon.ts'

export const KINDS = ['form', 'json', 'malformed', 'unsupported', 'oversized'] as const
export type Kind = (typeof KINDS)[number]

export const EXPECTED_STATUS: Readonly<Record<Kind, number>> = {
  form: 200,
  json: 200,
  malformed: 400,
  unsupported: 415,
  oversized: 413,
}

const BODY_LIMIT_BYTES = 1024 * 1024
const PAYLOADS: Readonly<Record<Kind, { contentType: string; body: string | Buffer }>> = {
  form: { contentType: 'application/x-www-form-urlencoded', body: 'param1=value1&param2=value2' },
  json: { contentType: 'application/json', body: '{"Message": "Test123"}' },
  malformed: { contentType: 'application/json', body: '{"Message": "Test123"' },
  unsupported: { contentType: 'application/xml', body: '<Message>Test123</Message>' },
  // One byte over the limit; a Buffer so autocannon does not re-encode 1 MiB per request.
  oversized: {
    contentType: 'application/json',
    body: Buffer.from(`{"pad":"${'x'.repeat(BODY_LIMIT_BYTES + 1 - '{"pad":""}'.length)}"}`),
  },
}

// 40% form, 40% JSON, 10% malformed, 10% unsupported; oversized requests replace a few slots.
const MIX: readonly Kind[] = [
  ...['form', 'json', 'form', 'json', 'malformed'],
  ...['form', 'json', 'form', 'json', 'unsupported'],
] as const

/** The kind of the n-th request (0-based): oversized ones spread evenly, the rest cycle MIX. */
export function kindOf(n: number, total: number, oversized: number): Kind {
  const step = oversized > 0 ? Math.floor(total / oversized) : 0
  if (step > 0 && n % step === step - 1 && n < step * oversized) return 'oversized'
  return MIX[n % MIX.length] ?? 'form'
}

export interface LoadOptions {
  requests: number
  connections: number
  oversized: number
  /** Bound on the whole autocannon run; it is stopped (and the run fails) past it. */
  overallTimeoutMs: number
  /** Concurrent /example JSON requests sent before the run (default: one per connection). */
  warmup?: number
  /** How long to wait for the function's log lines to reach offline's stdout after the run. */
  logWaitMs?: number
}

export interface LoadReport {
  requests: number
  /** Warm-up requests sent before the measured run (not in the figures, in the log check). */
  warmup: number
  connections: number
  durationS: number
  reqPerSec: number
  autocannonReqPerSecAvg: number
  latencyMs: { p50: number; p99: number; max: number; average: number }
  statuses: Record<string, number>
  kinds: Record<Kind, number>
  errors: number
  timeouts: number
  summaryLines: number
  /** Every way the run broke its promises; empty when it held. */
  problems: string[]
}

/**
 * The function's log lines in what offline printed (its workers' stdout and stderr are the CLI's),
 * skipping offline's own plain-text lines; a `{` line that is not JSON is a problem.
 */
function functionLogLines(output: string, problems: string[]): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = []
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>)
    } catch {
      problems.push(`log line is not JSON: ${line.slice(0, 300)}`)
    }
  }
  return lines
}

const countSummaries = (output: string): number => output.split('"request completed"').length - 1

async function waitForLogs(server: OfflineServer, expected: number, waitMs: number) {
  // Worker threads forward their stdout asynchronously: lines can trail the HTTP responses.
  const deadline = Date.now() + waitMs
  while (countSummaries(server.output()) < expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  // A short grace period, so that a duplicated line arriving late is seen too.
  await new Promise((resolve) => setTimeout(resolve, 300))
}

/**
 * Offline starts one worker thread per concurrent invocation, each loading the bundle: the first
 * wave of 50 takes 5-10 s of CPU on 2 cores, enough to hit client timeouts when other tests run
 * alongside. Warming the pool first keeps that cost out of the measured latencies; the warm-up
 * requests are tagged and accounted for like the others.
 */
async function warmUp(httpUrl: string, count: number): Promise<Map<string, number>> {
  const statuses = new Map<string, number>()
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const tag = `warmup/json/${i}`
      const res = await fetch(`${httpUrl}/example`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': tag },
        body: PAYLOADS.json.body as string,
        signal: AbortSignal.timeout(30_000),
      })
      await res.arrayBuffer()
      statuses.set(tag, res.status)
    }),
  )
  return statuses
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const { requests: total, connections, oversized, overallTimeoutMs } = options
  const problems: string[] = []
  const sent = new Map<string, Kind>()
  const answered = new Map<string, number>()
  // Stage `local` logs at DEBUG; a load run logs as deployed stages do.
  const server = await startOffline({
    stage: 'local',
    env: { POWERTOOLS_LOG_LEVEL: 'INFO' },
    readyTimeoutMs: 45_000,
  })
  let result: AutocannonResult
  let warm = new Map<string, number>()
  try {
    warm = await warmUp(server.httpUrl, options.warmup ?? connections)
    let n = 0
    const request: AutocannonRequest = {
      method: 'POST',
      path: '/example',
      // Called once per request with a fresh per-connection context (pipelining is 1, so the
      // context still holds this request's tag when its response arrives).
      setupRequest(req, context) {
        const kind = kindOf(n, total, oversized)
        const tag = `load/${kind}/${n++}`
        sent.set(tag, kind)
        context.tag = tag
        const { contentType, body } = PAYLOADS[kind]
        req.headers = { ...req.headers, 'content-type': contentType, 'user-agent': tag }
        req.body = body
        return req
      },
      onResponse(status, _body, context) {
        const tag = context.tag ?? '(untagged)'
        if (answered.has(tag)) problems.push(`second response for ${tag}`)
        answered.set(tag, status)
      },
    }
    const instance = autocannon({
      url: server.httpUrl,
      connections,
      amount: total,
      timeout: 20,
      requests: [request],
    })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      instance.stop()
    }, overallTimeoutMs)
    try {
      result = await instance
    } finally {
      clearTimeout(timer)
    }
    if (timedOut) problems.push(`run not finished after ${overallTimeoutMs} ms, stopped`)
    await waitForLogs(server, total + warm.size, options.logWaitMs ?? 10_000)
  } finally {
    await server.stop()
  }

  if (result.errors > 0) problems.push(`${result.errors} connection errors`)
  if (result.timeouts > 0) problems.push(`${result.timeouts} timeouts`)
  if (sent.size !== total) problems.push(`${sent.size} requests built, expected ${total}`)
  if (answered.size !== total) problems.push(`${answered.size} responses, expected ${total}`)
  for (const [tag, status] of warm) if (status !== 200) problems.push(`${tag}: status ${status}`)
  const kinds = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<Kind, number>
  for (const [tag, kind] of sent) {
    kinds[kind] += 1
    const status = answered.get(tag)
    if (status === undefined) problems.push(`no response for ${tag}`)
    else if (status !== EXPECTED_STATUS[kind]) problems.push(`${tag}: status ${status}`)
    if (status !== undefined && status >= 500) problems.push(`${tag}: 5xx (${status})`)
  }
  // Cross-check autocannon's own tally against the mix that was built.
  const statuses: Record<string, number> = {}
  for (const [code, { count }] of Object.entries(result.statusCodeStats)) statuses[code] = count
  const expectedStatuses: Record<string, number> = {}
  for (const kind of sent.values()) {
    const code = String(EXPECTED_STATUS[kind])
    expectedStatuses[code] = (expectedStatuses[code] ?? 0) + 1
  }
  if (!isDeepStrictEqual(statuses, expectedStatuses))
    problems.push(
      `status counts ${JSON.stringify(statuses)} != ${JSON.stringify(expectedStatuses)}`,
    )

  // Exactly one `request completed` line per tag, with the status the client saw.
  const expectedLogged = new Map<string, number>([...warm.keys()].map((tag) => [tag, 200]))
  for (const [tag, kind] of sent) expectedLogged.set(tag, EXPECTED_STATUS[kind])
  const seen = new Map<string, number>()
  let summaryLines = 0
  for (const line of functionLogLines(server.output(), problems)) {
    if (line.level === 'ERROR') problems.push(`ERROR line: ${JSON.stringify(line).slice(0, 300)}`)
    if (line.message !== 'request completed') continue
    summaryLines += 1
    const http = line.http as { userAgent?: string; status?: number } | undefined
    const tag = http?.userAgent ?? '(no user agent)'
    seen.set(tag, (seen.get(tag) ?? 0) + 1)
    const expected = expectedLogged.get(tag)
    if (expected === undefined) problems.push(`summary line for unknown request ${tag}`)
    else if (http?.status !== expected) problems.push(`${tag} logged ${http?.status}`)
  }
  for (const tag of expectedLogged.keys()) {
    const count = seen.get(tag) ?? 0
    if (count !== 1) problems.push(`${tag}: ${count} summary lines`)
  }

  return {
    requests: answered.size,
    warmup: warm.size,
    connections,
    durationS: result.duration,
    reqPerSec: Math.round(answered.size / result.duration),
    autocannonReqPerSecAvg: result.requests.average,
    latencyMs: {
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
      average: result.latency.average,
    },
    statuses,
    kinds,
    errors: result.errors,
    timeouts: result.timeouts,
    summaryLines,
    // Thousands of identical problems help nobody; the first ones and a count do.
    problems:
      problems.length > 20 ? [...problems.slice(0, 20), `… ${problems.length} in all`] : problems,
  }
}
