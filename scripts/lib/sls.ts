// Runs the Serverless CLI (osls) the way CI must: on this process's Node 24 (a plain `serverless`
// on PATH may be Node 20), without AWS credentials, with a hard timeout, and in its own esbuild work
// folder so that CLI runs of test files running side by side cannot delete each other's bundles.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url))
export const slsBin = path.join(projectRoot, 'node_modules', 'serverless', 'bin', 'serverless.js')

export interface SlsRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  timedOut: boolean
}

/** A work folder under `.esbuild/` (git- and biome-ignored), relative as serverless-esbuild needs. */
export function newWorkFolder(label: string): string {
  return path.join('.esbuild', `test-${label}-${randomUUID().slice(0, 8)}`)
}

export async function removeWorkFolder(workFolder: string, root = projectRoot): Promise<void> {
  await rm(path.join(root, workFolder), { recursive: true, force: true })
}

/**
 * Environment for a CLI child: no AWS credentials or profiles can be picked up (package, offline
 * and invoke local must work without them), no telemetry, no colours in output we parse, and no
 * POWERTOOLS_* from the shell (serverless.yml lets them override the stage's values): a test
 * that wants one passes it in `extra`.
 */
export function slsEnv(workFolder: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('AWS_') && !key.startsWith('POWERTOOLS_')) env[key] = value
  }
  return {
    ...env,
    AWS_SHARED_CREDENTIALS_FILE: path.join(projectRoot, '.no-aws-credentials'),
    AWS_CONFIG_FILE: path.join(projectRoot, '.no-aws-config'),
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    SLS_ESBUILD_WORK_FOLDER: workFolder,
    ...extra,
  }
}

/**
 * Kills a detached child's whole process group (the CLI plus esbuild's service process). Signalling
 * only the CLI's pid can leave a listening server behind when it is not a node process.
 */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, signal)
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** Runs `serverless <args>` to completion in a fresh work folder, which is removed afterwards. */
export async function runSls(
  args: string[],
  options: { label: string; timeoutMs: number; env?: Record<string, string>; root?: string },
): Promise<SlsRun> {
  const root = options.root ?? projectRoot
  const workFolder = newWorkFolder(options.label)
  const child = spawn(process.execPath, [slsBin, ...args], {
    cwd: root,
    env: slsEnv(workFolder, options.env),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    killGroup(child.pid, 'SIGKILL')
  }, options.timeoutMs)
  const killOnExit = (): void => killGroup(child.pid, 'SIGKILL')
  process.once('exit', killOnExit)
  try {
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
      (resolve, reject) => {
        child.once('error', reject)
        child.once('close', (c: number | null, s: NodeJS.Signals | null) => resolve([c, s]))
      },
    )
    return { code, signal, stdout, stderr, timedOut }
  } finally {
    clearTimeout(timer)
    process.removeListener('exit', killOnExit)
    await removeWorkFolder(workFolder, root)
  }
}

/** One readable blob for assertion messages. */
export function describeRun(run: SlsRun): string {
  const status = run.timedOut ? 'timed out' : `exit ${run.code ?? run.signal}`
  return `serverless ${status}\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`
}
