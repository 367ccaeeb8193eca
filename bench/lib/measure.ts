// Spawns the runner for one job and collects its report. Every child gets the same Lambda-like
// environment and nothing of the parent's (no npm_* variables, no parent NODE_OPTIONS).
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { loadEvent } from '../../tests/fixtures/events.ts'
import { type CpuCgroup, inCgroup } from './cpu-share.ts'
import type { BenchEvent, ColdReport, RunnerJob, WarmReport } from './runner.ts'

export type { BenchEvent, ColdReport, WarmReport }

/**
 * What the Lambda Node.js 24 runtime and serverless.yml (default stage params) put in the
 * environment; like the deployed function, no NODE_OPTIONS.
 */
export const lambdaEnv = (taskRoot: string): Record<string, string> => ({
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  LANG: 'en_US.UTF-8',
  TZ: ':UTC',
  AWS_REGION: 'eu-central-1',
  AWS_DEFAULT_REGION: 'eu-central-1',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  AWS_LAMBDA_FUNCTION_NAME: 'example-service-bench-example',
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/example-service-bench-example',
  AWS_LAMBDA_LOG_STREAM_NAME: '2026/11/29/[$LATEST]0123456789abcdef',
  LAMBDA_TASK_ROOT: taskRoot,
  _HANDLER: 'tests/fixtures/endpoint.handler',
  _X_AMZN_TRACE_ID: 'Root=1-67f0c0de-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=0',
  POWERTOOLS_SERVICE_NAME: 'example-service',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  POWERTOOLS_LOGGER_SAMPLE_RATE: '0',
  POWERTOOLS_LOGGER_LOG_EVENT: 'false',
  BODY_LIMIT_BYTES: '1048576',
})

/** A JSON document of exactly `bytes` bytes: an array of small records plus padding. */
export const jsonBody = (bytes: number): string => {
  const items: unknown[] = []
  const render = (pad: string) => JSON.stringify({ items, pad })
  // Grows the length by hand (item + comma) instead of re-serialising on every push.
  let length = render('').length
  for (let i = 0; ; i++) {
    const item = { id: i, sku: `SKU-${String(i).padStart(6, '0')}`, price: (i * 137) % 10_000 }
    const grown = length + JSON.stringify(item).length + (items.length > 0 ? 1 : 0)
    if (grown > bytes) break
    items.push(item)
    length = grown
  }
  return render('x'.repeat(bytes - length))
}

/** A form of exactly `bytes` bytes, under the 1,000-field limit: ~70-byte fields, some escaped. */
export const formBody = (bytes: number): string => {
  const fields: string[] = []
  let length = 0
  for (let i = 0; length < bytes - 80; i++) {
    const field = `item${i}=${encodeURIComponent(`Straße ${i} & Co, 1/2 price, ${'x'.repeat(30)}`)}`
    length += field.length + (fields.length > 0 ? 1 : 0)
    fields.push(field)
  }
  return `${fields.join('&')}&pad=${'x'.repeat(bytes - length - 5)}`
}

export interface WarmGroup {
  /** Events timed together in one warm process. */
  events: readonly string[]
  /** Their share of `--iterations` and `--warmup`: the large bodies run fewer, for the same time. */
  scale: number
}

/**
 * Each large body runs in processes of its own: its garbage is collected during whichever request
 * follows it, which added ~15 µs to the form or JSON request after it in the service and ~2 µs in
 * the floor, a cost of the big request, not theirs.
 */
export const WARM_GROUPS: readonly WarmGroup[] = [
  { events: ['form', 'json'], scale: 1 },
  { events: ['json64k'], scale: 1 / 4 },
  { events: ['json64k-b64'], scale: 1 / 4 },
  { events: ['form64k'], scale: 1 / 4 },
  { events: ['json1m'], scale: 1 / 32 },
]

/** The large-body events, also timed warm at Lambda's 256 MB CPU share. */
export const LARGE_EVENTS: readonly string[] = ['json64k', 'json64k-b64', 'form64k', 'json1m']

const withBody = (name: string, body: string, base64 = false) => {
  const event = loadEvent(name)
  event.body = base64 ? Buffer.from(body).toString('base64') : body
  event.isBase64Encoded = base64
  event.headers = { ...(event.headers as object), 'content-length': String(body.length) }
  return event
}

/** /example's two requests (base64 form, JSON), 64 KiB JSON (plain and base64), a 64 KiB base64 form, 1 MiB JSON. */
export const benchEvents = (): BenchEvent[] => {
  const json64k = jsonBody(64 * 1024)
  return [
    { name: 'form', event: loadEvent('form-base64') },
    { name: 'json', event: loadEvent('json') },
    { name: 'json64k', event: withBody('json', json64k) },
    { name: 'json64k-b64', event: withBody('json', json64k, true) },
    { name: 'form64k', event: withBody('form-base64', formBody(64 * 1024), true) },
    { name: 'json1m', event: withBody('json', jsonBody(1024 * 1024)) },
  ]
}

export interface JobResult<R> {
  report: R
  /** From just before spawn() until the runner's "response" line arrived (cold jobs only). */
  spawnToResponseMs: number | undefined
}

/**
 * Runs the runner on `job` (written to disk beforehand), inside `cgroup` when given; rejects with
 * its stderr on failure.
 */
export const runJob = async <R extends ColdReport | WarmReport>(
  runner: string,
  jobPath: string,
  job: RunnerJob,
  env: Record<string, string>,
  cgroup?: Pick<CpuCgroup, 'procsFile'>,
): Promise<JobResult<R>> => {
  const [command, args] = cgroup
    ? inCgroup(cgroup, process.execPath, [runner, jobPath])
    : [process.execPath, [runner, jobPath]]
  const started = performance.now()
  const child = spawn(command, args, {
    cwd: path.dirname(job.bundle),
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  })
  let respondedAt: number | undefined
  ;(child.stdio[3] as Readable).on('data', () => {
    respondedAt ??= performance.now()
  })
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < 16_384) stderr += chunk
  })
  const [code, signal] = (await once(child, 'close')) as [number | null, string | null]
  if (code !== 0) {
    throw new Error(`runner ${job.mode} ${job.bundle} exited ${code ?? signal}:\n${stderr}`)
  }
  const report = JSON.parse(readFileSync(job.resultPath, 'utf8')) as R
  return {
    report,
    spawnToResponseMs: respondedAt === undefined ? undefined : respondedAt - started,
  }
}
