// Credentials and request bodies must stay out of the logs whatever the logging configuration.
// The real handler runs in child processes (the logger reads POWERTOOLS_* once, at import), one per
// environment combination and all at once, and everything they write to stdout and stderr is checked.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { BODY_MARKER, REQUESTS, SECRETS } from '../helpers/secrets-child.ts'

const CHILD = fileURLToPath(new URL('../helpers/secrets-child.ts', import.meta.url))
const CHILD_TIMEOUT_MS = 20_000
const RANK: Record<string, number> = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4, CRITICAL: 5 }

interface Setting {
  level: string
  logEvent: boolean
  sampleRate?: string
}

interface ChildRun {
  stdout: string
  stderr: string
  statuses: number[] | undefined
  code: number | null
}

const SETTINGS: Setting[] = [
  ...['DEBUG', 'INFO', 'WARN', 'ERROR'].flatMap((level) => [
    { level, logEvent: false },
    { level, logEvent: true },
  ]),
  // Sampling turns DEBUG on per invocation at an INFO level.
  { level: 'INFO', logEvent: false, sampleRate: '1' },
  { level: 'INFO', logEvent: true, sampleRate: '1' },
]

const label = (s: Setting) =>
  `${s.level}, LOG_EVENT=${s.logEvent}${s.sampleRate ? `, SAMPLE_RATE=${s.sampleRate}` : ''}`

function runChild(setting: Setting): Promise<ChildRun> {
  const env: NodeJS.ProcessEnv = {}
  // Nothing POWERTOOLS_* or AWS_* from the parent may change what the child logs.
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('POWERTOOLS_') && !key.startsWith('AWS_')) env[key] = value
  }
  Object.assign(env, {
    POWERTOOLS_SERVICE_NAME: 'secrets-test',
    POWERTOOLS_LOG_LEVEL: setting.level,
    POWERTOOLS_LOGGER_LOG_EVENT: String(setting.logEvent),
    POWERTOOLS_LOGGER_SAMPLE_RATE: setting.sampleRate ?? '0',
  })
  const child = spawn(process.execPath, [CHILD], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] })
  const run: ChildRun = { stdout: '', stderr: '', statuses: undefined, code: null }
  assert.ok(child.stdout && child.stderr, 'child without pipes')
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    run.stdout += chunk
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    run.stderr += chunk
  })
  child.on('message', (message: { statuses: number[] }) => {
    run.statuses = message.statuses
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS)
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => {
      clearTimeout(timer)
      run.code = code
      resolve(run)
    })
  })
}

/** Every non-empty line of one stream, parsed; a line that is not a JSON object fails. */
function jsonLines(stream: string, text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      let parsed: unknown
      assert.doesNotThrow(() => {
        parsed = JSON.parse(line)
      }, `${stream} line is not JSON: ${line}`)
      assert.ok(typeof parsed === 'object' && parsed !== null, `${stream}: ${line}`)
      return parsed as Record<string, unknown>
    })
}

const runs = new Map<Setting, ChildRun>()

before(async () => {
  const results = await Promise.all(SETTINGS.map(runChild))
  for (const [i, setting] of SETTINGS.entries()) runs.set(setting, results[i] as ChildRun)
})

function runOf(setting: Setting): ChildRun & { lines: Record<string, unknown>[] } {
  const run = runs.get(setting)
  assert.ok(run, 'child did not run')
  assert.equal(run.code, 0, `child exited ${run.code}\n${run.stderr}`)
  return { ...run, lines: [...jsonLines('stdout', run.stdout), ...jsonLines('stderr', run.stderr)] }
}

describe('secrets stay out of the logs (child processes, every level)', () => {
  for (const setting of SETTINGS) {
    it(`${label(setting)}: JSON lines only, no credential, no body at INFO or above`, () => {
      const { stdout, stderr, statuses, lines } = runOf(setting)
      assert.deepEqual(
        statuses,
        REQUESTS.map((request) => request.status),
      )
      const everything = stdout + stderr
      for (const secret of Object.values(SECRETS)) {
        assert.ok(!everything.includes(secret), `${secret} leaked:\n${everything}`)
      }
      // The form body travels base64-encoded in the event, so look for that spelling too.
      const bodies = [BODY_MARKER, Buffer.from(String(REQUESTS[0]?.input.body)).toString('base64')]
      for (const line of lines) {
        const rank = RANK[String(line.level)]
        assert.ok(rank !== undefined, `line without a known level: ${JSON.stringify(line)}`)
        if (rank < (RANK.INFO ?? 2)) continue
        const text = JSON.stringify(line)
        for (const body of bodies) assert.ok(!text.includes(body), `body at ${line.level}: ${text}`)
      }
      // Not vacuous: at every level the failing request is still logged (at ERROR).
      assert.ok(lines.some((line) => line.level === 'ERROR' && line.message === 'request failed'))
    })
  }

  it('is not vacuous: at DEBUG the whole event is logged, body included, credentials masked', () => {
    const { lines } = runOf(SETTINGS[0] as Setting)
    const events = lines.filter((line) => line.message === 'Lambda invocation event')
    assert.equal(events.length, REQUESTS.length)
    for (const line of events) {
      assert.equal(line.level, 'DEBUG')
      const event = line.event as { headers: Record<string, string>; cookies: unknown }
      const secretHeaders = Object.entries(event.headers).filter(([name]) =>
        ['authorization', 'proxy-authorization', 'cookie', 'x-api-key'].includes(
          name.toLowerCase(),
        ),
      )
      assert.equal(secretHeaders.length, 4, JSON.stringify(event.headers))
      for (const [, value] of secretHeaders) assert.equal(value, '[REDACTED]')
      assert.equal(event.cookies, '[REDACTED]')
    }
    assert.ok(events.some((line) => JSON.stringify(line).includes(BODY_MARKER)))
  })

  it('is not vacuous: LOG_EVENT=true logs the event at INFO, body omitted', () => {
    const { lines } = runOf(SETTINGS[3] as Setting)
    const events = lines.filter((line) => line.message === 'Lambda invocation event')
    assert.equal(events.length, REQUESTS.length)
    for (const line of events) assert.equal(line.level, 'INFO')
  })

  it('is not vacuous: SAMPLE_RATE=1 at INFO logs DEBUG lines, the event among them', () => {
    const { lines } = runOf(SETTINGS[8] as Setting)
    assert.ok(
      lines.some((line) => line.level === 'DEBUG' && line.message === 'Lambda invocation event'),
    )
  })
})
