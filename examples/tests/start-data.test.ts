// `npm start` with the walkthrough's table: the in-process local store (dynalite) starts with it
// and its port is free again once npm has exited, on SIGTERM to npm as on Ctrl-C.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { freePorts } from '../../scripts/lib/offline.ts'
import { killGroup, newWorkFolder, slsEnv } from '../../scripts/lib/sls.ts'
import { walkthroughTree } from './walkthrough-tree.ts'

const isFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })

let tree: Awaited<ReturnType<typeof walkthroughTree>> | undefined
before(async () => {
  tree = await walkthroughTree('start-data')
})
after(() => tree?.remove())

const STORE =
  /DynamoDB local store \(dynalite, in memory, gone at exit\): http:\/\/127\.0\.0\.1:(\d+)/

describe('npm start with a table', () => {
  for (const [how, stop] of [
    ['SIGTERM to npm', (pid: number) => process.kill(pid, 'SIGTERM')],
    ['Ctrl-C', (pid: number) => killGroup(pid, 'SIGINT')],
  ] as const) {
    it(`starts the local store and frees its port on ${how}`, { timeout: 120_000 }, async () => {
      assert.ok(tree)
      const [httpPort = 0, lambdaPort = 0] = await freePorts(2)
      const args = [
        'start',
        '--',
        '--httpPort',
        String(httpPort),
        '--lambdaPort',
        String(lambdaPort),
      ]
      const child = spawn('npm', args, {
        cwd: tree.root,
        env: slsEnv(newWorkFolder('start-data')),
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let output = ''
      for (const stream of [child.stdout, child.stderr]) {
        stream?.setEncoding('utf8').on('data', (chunk: string) => {
          output += chunk
        })
      }
      const exited = new Promise((resolve) => child.once('exit', resolve))
      try {
        while (!output.includes('Server ready') && child.exitCode === null) {
          await new Promise((resolve) => setTimeout(resolve, 100))
        }
        const port = Number(STORE.exec(output)?.[1])
        assert.ok(port > 0, `no local store line:\n${output}`)
        assert.equal(await isFree(port), false, 'the store listens while npm start runs')
        stop(child.pid ?? 0)
        await exited
        assert.deepEqual(await Promise.all([port, httpPort, lambdaPort].map(isFree)), [
          true,
          true,
          true,
        ])
      } finally {
        killGroup(child.pid, 'SIGKILL')
      }
    })
  }
})
