// `npm run package` as a user runs it, in a tree where earlier commands left their files: the
// bundle of an endpoint since deleted sits in serverless-offline's build folder, the zip of a
// function since renamed in .serverless, and `npm start` is still serving. Each zip must hold
// exactly its own function's bundle and map, and the running server must keep answering.
// Functions are read from serverless.yml, so a fork's own endpoints are checked the same way.
import assert from 'node:assert/strict'
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type OfflineServer, startOffline } from '../../scripts/lib/offline.ts'
import { readServerlessConfig } from '../../scripts/lib/serverless-config.ts'
import { describeRun, runSls, type SlsRun } from '../../scripts/lib/sls.ts'
import { paramArgs } from '../helpers/deploy-params.ts'
import { copyProject, type ProjectCopy } from '../helpers/project-copy.ts'
import { readZip } from '../helpers/zip.ts'

// Where serverless-offline and invoke local build (serverless-esbuild's default work folder).
const OFFLINE_BUILD = path.join('.esbuild', '.build')
const LEFTOVER = path.join(OFFLINE_BUILD, 'src', 'handlers', 'deleted-endpoint.cjs')
const RENAMED_ZIP = path.join('.serverless', 'renamed-away.zip')
// An empty value lets esbuild.config.cjs choose the folders as it does for a user.
const AS_A_USER = { SLS_ESBUILD_WORK_FOLDER: '' }

let copy: ProjectCopy | undefined
let server: OfflineServer | undefined
let pkg: SlsRun
const answers: { before: Map<string, unknown>; after: Map<string, unknown> } = {
  before: new Map(),
  after: new Map(),
}
const zips = new Map<string, string[]>()

/** Invokes every function through offline's Lambda API with a bare HTTP API event. */
const invokeAll = async (into: Map<string, unknown>): Promise<void> => {
  const live = server
  assert.ok(live)
  for (const fn of readServerlessConfig(copy?.root).functions) {
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath: '/',
      rawQueryString: '',
      headers: {},
      requestContext: { http: { method: 'GET', path: '/', sourceIp: '127.0.0.1' } },
      isBase64Encoded: false,
    }
    const url = `${live.lambdaUrl}/2015-03-31/functions/${live.functionName(fn.name)}/invocations`
    const res = await fetch(url, { method: 'POST', body: JSON.stringify(event) })
    into.set(fn.name, await res.json())
  }
}

before(
  async () => {
    copy = await copyProject('zips')
    const { root } = copy
    await mkdir(path.dirname(path.join(root, LEFTOVER)), { recursive: true })
    await writeFile(path.join(root, LEFTOVER), '"use strict";// an endpoint deleted since\n')
    await writeFile(path.join(root, `${LEFTOVER}.map`), '{"version":3}\n')
    await mkdir(path.join(root, '.serverless'), { recursive: true })
    await writeFile(path.join(root, RENAMED_ZIP), 'PK')
    server = await startOffline({ root, env: AS_A_USER })
    await invokeAll(answers.before)
    pkg = await runSls(['package', '--stage', 'ci', ...paramArgs()], {
      label: 'zips',
      timeoutMs: 120_000,
      root,
      env: AS_A_USER,
    })
    await invokeAll(answers.after)
    await server.stop()
    const out = path.join(root, '.serverless')
    for (const name of (await readdir(out)).filter((file) => file.endsWith('.zip'))) {
      zips.set(
        name,
        readZip(await readFile(path.join(out, name))).map((entry) => entry.name),
      )
    }
  },
  { timeout: 240_000 },
)

after(async () => {
  await server?.stop()
  await copy?.remove()
})

describe('npm run package after and during npm start', () => {
  it('packages', () => {
    assert.equal(pkg.code, 0, describeRun(pkg))
  })

  it("zips exactly each function's bundle and source map, nothing an earlier run left", () => {
    const functions = readServerlessConfig(copy?.root).functions
    assert.deepEqual([...zips.keys()].sort(), functions.map((fn) => `${fn.name}.zip`).sort())
    for (const fn of functions) {
      const bundle = fn.module.replace(/\.ts$/, '.cjs')
      assert.deepEqual(zips.get(`${fn.name}.zip`)?.sort(), [bundle, `${bundle}.map`], fn.name)
    }
  })

  it("leaves the running server's build folder and its leftovers where they were", async () => {
    assert.ok(copy)
    await stat(path.join(copy.root, LEFTOVER))
    for (const fn of readServerlessConfig(copy.root).functions) {
      await stat(path.join(copy.root, OFFLINE_BUILD, fn.module.replace(/\.ts$/, '.cjs')))
    }
  })

  it('keeps every function of the running server answering as before', () => {
    assert.ok(answers.before.size > 0)
    const statusOf = (answer: unknown) => (answer as { statusCode?: unknown }).statusCode
    for (const [name, answer] of answers.before) {
      const after = answers.after.get(name)
      assert.equal(typeof statusOf(answer), 'number', `${name}: ${JSON.stringify(answer)}`)
      assert.equal(statusOf(after), statusOf(answer), `${name}: ${JSON.stringify(after)}`)
    }
  })
})
