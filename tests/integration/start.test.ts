// `npm start` must not leave serverless-offline behind: stopped by a kill of the npm process
// (SIGTERM, e.g. from a process manager or an IDE's stop button) or by Ctrl-C (SIGINT to the
// terminal's whole foreground group), its ports are free once npm has exited.
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { describe, it } from 'node:test'
import { freePorts } from '../../scripts/lib/offline.ts'
import {
  killGroup,
  newWorkFolder,
  projectRoot,
  removeWorkFolder,
  slsEnv,
} from '../../scripts/lib/sls.ts'

const isFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })

const exit = (child: ChildProcess, timeoutMs: number): Promise<boolean> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(true)
    : new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs)
        child.once('exit', () => {
          clearTimeout(timer)
          resolve(true)
        })
      })

/** `npm start` on free ports, in a process group of its own; resolves once offline is ready. */
const npmStart = async () => {
  const [httpPort = 0, lambdaPort = 0] = await freePorts(2)
  const workFolder = newWorkFolder('start')
  const child = spawn(
    'npm',
    [
      'start',
      '--',
      '--host',
      '127.0.0.1',
      '--httpPort',
      String(httpPort),
      '--lambdaPort',
      String(lambdaPort),
    ],
    {
      cwd: projectRoot,
      env: slsEnv(workFolder),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
  })
  const cleanup = async () => {
    killGroup(child.pid, 'SIGKILL')
    await removeWorkFolder(workFolder)
  }
  const deadline = Date.now() + 60_000
  while (!output.includes('Server ready')) {
    if (Date.now() > deadline || child.exitCode !== null) {
      await cleanup()
      throw new Error(`npm start did not get ready:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { child, ports: [httpPort, lambdaPort], cleanup, output: () => output }
}

describe('stopping npm start', () => {
  for (const [how, stop] of [
    ['a kill of the npm process (SIGTERM)', (pid: number) => process.kill(pid, 'SIGTERM')],
    ['Ctrl-C (SIGINT to the foreground group)', (pid: number) => killGroup(pid, 'SIGINT')],
  ] as const) {
    it(`frees the ports on ${how}`, async () => {
      const { child, ports, cleanup, output } = await npmStart()
      try {
        assert.deepEqual(await Promise.all(ports.map(isFree)), [false, false])
        stop(child.pid ?? 0)
        assert.ok(await exit(child, 15_000), `npm did not exit:\n${output()}`)
        assert.deepEqual(await Promise.all(ports.map(isFree)), [true, true], output())
      } finally {
        await cleanup()
      }
    })
  }
})
