// The child process of `npm run bench`. bench/bench.ts bundles it to plain ESM (.mjs), so no
// TypeScript stripping runs in the measured process: like Lambda's runtime, an ES module that
// `require`s the CommonJS handler bundle. stdout and stderr carry the handler's logs (to
// /dev/null), so results go to a file; a cold run also writes one line to file descriptor 3 (a
// pipe the parent watches) the moment the first response exists, which stops the parent's clock.
import { readFileSync, writeFileSync, writeSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda'
import { createContext as contextFixture } from '../../tests/fixtures/context.ts'

// Milliseconds since the process started (performance.timeOrigin), before anything else loads.
const bootMs = performance.now()

export interface BenchEvent {
  name: string
  event: APIGatewayProxyEventV2
}

export interface RunnerJob {
  mode: 'cold' | 'warm'
  /** Absolute path of the CommonJS bundle exporting `handler`. */
  bundle: string
  /** Where the report (ColdReport or WarmReport) is written as JSON. */
  resultPath: string
  events: BenchEvent[]
  warmup: number
  iterations: number
}

export interface ColdReport {
  mode: 'cold'
  bootMs: number
  loadMs: number
  firstInvokeMs: number
  /** user + system CPU of the whole process up to the first response: robust to a busy machine. */
  cpuMs: number
  status: number
  maxRssKiB: number
}

export interface WarmReport {
  mode: 'warm'
  /** Per event name: every timed invocation, in microseconds. */
  samplesUs: Record<string, number[]>
  statuses: Record<string, number>
  maxRssKiB: number
}

type Handler = (event: unknown, context: Context) => Promise<{ statusCode?: number }>

const report = (path: string, message: ColdReport | WarmReport): void => {
  writeFileSync(path, JSON.stringify(message))
}

let invocation = 0

/** A fresh context per invocation, as the Node.js runtime creates one, with a 29 s deadline. */
const createContext = () => {
  const name = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'example'
  invocation++
  return contextFixture({
    functionName: name,
    invokedFunctionArn: `arn:aws:lambda:eu-central-1:123456789012:function:${name}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '256',
    awsRequestId: `8f5c0d3e-0000-4000-8000-${String(invocation).padStart(12, '0')}`,
    logGroupName: `/aws/lambda/${name}`,
  })
}

// The handlers replace `body` and `isBase64Encoded`; a shallow copy gives each call the original.
const fresh = (event: APIGatewayProxyEventV2) => ({ ...event })

const main = async (): Promise<void> => {
  const job = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as RunnerJob
  const require = createRequire(import.meta.url)
  // Lambda's runtime interface client has already required node:http (its Runtime API client)
  // when it loads the handler, so a handler's own require('node:http') costs nothing there.
  // Loaded the same CommonJS way here, before the clock starts, for both bundles alike.
  require('node:http')
  const loadStart = performance.now()
  const { handler } = require(job.bundle) as { handler: Handler }
  const loadEnd = performance.now()

  if (job.mode === 'cold') {
    const first = job.events[0]
    if (!first) throw new Error('cold job needs an event')
    const event = fresh(first.event)
    const context = createContext()
    const invokeStart = performance.now()
    const response = await handler(event, context)
    const invokeEnd = performance.now()
    writeSync(3, 'response\n')
    const cpu = process.cpuUsage()
    report(job.resultPath, {
      mode: 'cold',
      bootMs,
      loadMs: loadEnd - loadStart,
      firstInvokeMs: invokeEnd - invokeStart,
      cpuMs: (cpu.user + cpu.system) / 1000,
      status: response.statusCode ?? 0,
      maxRssKiB: process.resourceUsage().maxRSS,
    })
    return
  }

  // Events take turns, so drift within the run touches each alike (and the JIT sees mixed
  // traffic, as a real function does).
  const statuses: Record<string, number> = {}
  for (let i = 0; i < job.warmup; i++) {
    for (const { name, event } of job.events) {
      statuses[name] = (await handler(fresh(event), createContext())).statusCode ?? 0
    }
  }
  const samples = job.events.map(() => new Float64Array(job.iterations))
  for (let i = 0; i < job.iterations; i++) {
    for (let k = 0; k < job.events.length; k++) {
      const bench = job.events[k] as BenchEvent
      const event = fresh(bench.event)
      const context = createContext()
      const start = process.hrtime.bigint()
      const response = await handler(event, context)
      const end = process.hrtime.bigint()
      ;(samples[k] as Float64Array)[i] = Number(end - start) / 1e3
      statuses[bench.name] = response.statusCode ?? 0
    }
  }
  const samplesUs: Record<string, number[]> = {}
  job.events.forEach(({ name }, k) => {
    samplesUs[name] = Array.from(samples[k] as Float64Array, (us) => Math.round(us * 100) / 100)
  })
  report(job.resultPath, {
    mode: 'warm',
    samplesUs,
    statuses,
    maxRssKiB: process.resourceUsage().maxRSS,
  })
}

await main()
