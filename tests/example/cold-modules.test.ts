// Node's built-in modules outside its startup snapshot are compiled when first used, and on a cold
// start that is CPU the first response waits for (~7 ms of wall time per ms at the 256 MB share).
// The chain loads none that a plain request does not need; Lambda's runtime has not loaded them.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import { promisify } from 'node:util'
import { buildHandler } from '../helpers/bundle.ts'

// `performance`: its first use loads perf_hooks and eight internal modules (~0.5 ms of CPU).
// `zlib`: needed only for a compressed body, loaded when one arrives.
const NOT_ON_A_PLAIN_REQUEST = ['perf_hooks', 'zlib']

// Runs in a fresh process: requires the bundle, answers one request, prints what it loaded.
const PROBE = `
const [bundle, eventFile] = process.argv.slice(1)
const before = new Set(process.moduleLoadList)
const { handler } = require(bundle)
const event = JSON.parse(require('node:fs').readFileSync(eventFile, 'utf8'))
const context = { awsRequestId: 'r', functionName: 'f', invokedFunctionArn: 'arn', memoryLimitInMB: '256', getRemainingTimeInMillis: () => 29000 }
handler(event, context).then(({ statusCode }) => {
  const loaded = process.moduleLoadList.filter((name) => !before.has(name))
  process.stdout.write('\\n' + JSON.stringify({ statusCode, loaded }))
})
`

describe('/example cold start', () => {
  for (const name of ['form-base64', 'json']) {
    it(`answers a ${name} request without loading ${NOT_ON_A_PLAIN_REQUEST.join(' or ')}`, async () => {
      const outDir = await mkdtemp(path.join(tmpdir(), 'example-cold-'))
      try {
        const bundle = await buildHandler('src/handlers/example.ts', outDir)
        const eventFile = path.resolve('events', `${name}.json`)
        const { stdout } = await promisify(execFile)(
          process.execPath,
          ['-e', PROBE, bundle.path, eventFile],
          { env: { PATH: process.env.PATH ?? '', POWERTOOLS_LOG_LEVEL: 'INFO' } },
        )
        const { statusCode, loaded } = JSON.parse(stdout.split('\n').at(-1) ?? '') as {
          statusCode: number
          loaded: string[]
        }
        assert.equal(statusCode, 200)
        for (const module of NOT_ON_A_PLAIN_REQUEST) {
          const hits = loaded.filter((entry) => entry.endsWith(` ${module}`))
          assert.deepEqual(hits, [], `the first response loaded ${module}`)
        }
      } finally {
        await rm(outDir, { recursive: true, force: true })
      }
    })
  }
})
