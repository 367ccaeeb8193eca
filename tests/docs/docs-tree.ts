// Where tests/docs/commands.test.ts runs the documented commands: a copy of the project (so that
// `npm run openapi` or `npm run format` cannot touch this tree) and one serverless-offline started
// in it with the README's own `npm start -- --httpPort … --lambdaPort …`.
import { execFile, spawn } from 'node:child_process'
import { freePorts, untilReady } from '../../scripts/lib/offline.ts'
import { killGroup, newWorkFolder, slsEnv } from '../../scripts/lib/sls.ts'
import { copyProject as copyTree } from '../helpers/project-copy.ts'

export interface Result {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * A reader's shell without AWS credentials or the instance metadata service, and without
 * NODE_TEST_CONTEXT (a nested runner would report in its binary protocol, and the doc writers
 * refuse to run under it).
 */
export const commandEnv = (): NodeJS.ProcessEnv => {
  const { NODE_TEST_CONTEXT: _, ...env } = slsEnv(newWorkFolder('docs'))
  return { ...env, AWS_EC2_METADATA_DISABLED: 'true' }
}

/** Runs `script` with bash in `root`; never rejects, the exit code says how it went. */
export const bash = (root: string, script: string, env = commandEnv()): Promise<Result> =>
  new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', script],
      { cwd: root, env, timeout: 120_000, maxBuffer: 16 << 20 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr,
        }),
    )
  })

/** The project's tracked and untracked-but-not-ignored files in a new folder, node_modules linked. */
export async function copyProject(): Promise<string> {
  return (await copyTree('docs-commands')).root
}

export interface DocsServer {
  url: string
  output(): string
  stop(): Promise<void>
}

/** `npm start -- --httpPort … --lambdaPort …` in `root`, on free ports, until "Server ready". */
export async function startDocsServer(root: string): Promise<DocsServer> {
  const [httpPort, lambdaPort] = await freePorts(2)
  const child = spawn(
    'npm',
    ['start', '--', '--httpPort', String(httpPort), '--lambdaPort', String(lambdaPort)],
    { cwd: root, env: commandEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  // npm, the CLI and esbuild share the detached group: signalling it stops them all.
  const killNow = () => killGroup(child.pid, 'SIGKILL')
  process.once('exit', killNow)
  let output = ''
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
    })
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    killGroup(child.pid, 'SIGTERM')
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))])
    killNow()
    process.removeListener('exit', killNow)
  }
  try {
    await untilReady(child, () => output, 90_000, 'npm start')
  } catch (error) {
    await stop()
    throw error
  }
  return { url: `http://localhost:${httpPort}`, output: () => output, stop }
}
