// Starts `serverless offline` on free loopback ports for integration tests and guarantees it is
// stopped: it runs in its own process group (detached), which is signalled as a whole, both by
// stop() and when this test process exits for any reason Node can still react to.
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import { readServerlessConfig } from './serverless-config.ts'
import { killGroup, newWorkFolder, projectRoot, removeWorkFolder, slsBin, slsEnv } from './sls.ts'

export interface OfflineServer {
  /** e.g. http://127.0.0.1:41234 — the HTTP API routes, no stage prefix (httpApi). */
  httpUrl: string
  /** e.g. http://127.0.0.1:41236 — the AWS Lambda Invoke API emulation. */
  lambdaUrl: string
  /** Full deployed-style function name; the invoke endpoint does not accept the short one. */
  functionName(shortName: string): string
  /** Everything the CLI printed so far, for failure messages. */
  output(): string
  stop(): Promise<void>
}

export interface OfflineOptions {
  stage?: string
  /** The service folder (default: this project). */
  root?: string
  /** Added to the CLI's environment, e.g. a POWERTOOLS_* override of the stage's value. */
  env?: Record<string, string>
  readyTimeoutMs?: number
  stopTimeoutMs?: number
}

/**
 * Ports the OS considers free right now. All listeners stay open until every port is known, so
 * the same port cannot be handed out twice; a small race with other processes remains, and
 * offline exits with EADDRINUSE (failing the start, not hanging) if it loses it.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = []
  try {
    const ports: number[] = []
    for (let i = 0; i < count; i++) {
      const server = createServer()
      servers.push(server)
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(0, '127.0.0.1', resolve)
      })
      const address = server.address()
      if (address === null || typeof address === 'string') throw new Error('no TCP address')
      ports.push(address.port)
    }
    return ports
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))))
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

/**
 * Resolves once serverless-offline printed "Server ready" on either stream of `child` (whose
 * output so far `output` returns); rejects when it exits first or `timeoutMs` passes.
 */
export const untilReady = (
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
  label: string,
): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${label} not ready after ${timeoutMs} ms:\n${output()}`)),
      timeoutMs,
    )
    const check = (): void => {
      if (output().includes('Server ready')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', check)
    child.stderr?.on('data', check)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`${label} exited (${code ?? signal}) before ready:\n${output()}`))
    })
  })

export async function startOffline(options: OfflineOptions = {}): Promise<OfflineServer> {
  const stage = options.stage ?? 'local'
  const root = options.root ?? projectRoot
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000
  const stopTimeoutMs = options.stopTimeoutMs ?? 5_000
  const [httpPort, lambdaPort] = await freePorts(2)
  const host = '127.0.0.1'
  const workFolder = newWorkFolder('offline')
  const args = [
    ...[slsBin, 'offline', 'start', '--stage', stage, '--host', host],
    ...['--httpPort', String(httpPort), '--lambdaPort', String(lambdaPort)],
  ]
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: slsEnv(workFolder, options.env),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })

  // Last resort if the test process dies before stop() runs (a failing before(), an uncaught
  // exception, Ctrl-C): the detached group would otherwise keep the ports open forever.
  const killNow = (): void => killGroup(child.pid, 'SIGKILL')
  const onSignal = (signal: NodeJS.Signals): void => {
    killNow()
    process.kill(process.pid, signal)
  }
  process.once('exit', killNow)
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  const unregister = (): void => {
    process.removeListener('exit', killNow)
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
  }

  let output = ''
  const onData = (chunk: string): void => {
    output += chunk
  }
  child.stdout.setEncoding('utf8').on('data', onData)
  child.stderr.setEncoding('utf8').on('data', onData)

  let stopped: Promise<void> | undefined
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (!exited(child)) {
        killGroup(child.pid, 'SIGTERM')
        if (!(await waitForExit(child, stopTimeoutMs))) {
          killGroup(child.pid, 'SIGKILL')
          await waitForExit(child, stopTimeoutMs)
        }
      }
      // The CLI's children (esbuild) may outlive it by a moment; the group must be empty.
      killGroup(child.pid, 'SIGKILL')
      unregister()
      await removeWorkFolder(workFolder, root)
    })()
    return stopped
  }

  try {
    await untilReady(child, () => output, readyTimeoutMs, 'offline')
  } catch (error) {
    await stop()
    throw error
  }

  const { service } = readServerlessConfig(root)
  return {
    httpUrl: `http://${host}:${httpPort}`,
    lambdaUrl: `http://${host}:${lambdaPort}`,
    functionName: (shortName) => `${service}-${stage}-${shortName}`,
    output: () => output,
    stop,
  }
}
