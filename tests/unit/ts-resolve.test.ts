// scripts/lib/ts-resolve.ts: a relative `.js` import in a TypeScript module (what tsc asks for
// under moduleResolution nodenext, and esbuild bundles) loads its `.ts` file in the checks that
// import handlers in Node: the route check, `npm run openapi`, the build guard, the test suite.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { describe, it } from 'node:test'
import { promisify } from 'node:util'
import { projectRoot } from '../../scripts/lib/sls.ts'

const execFileAsync = promisify(execFile)
const FIXTURE = 'tests/fixtures/js-suffix/get-thing.ts'

/** Runs an ES module script in a fresh Node of this one's version, without `npm test`'s --import. */
const runFresh = (script: string) =>
  execFileAsync(process.execPath, ['--input-type=module', '-e', script], { cwd: projectRoot })

describe('relative .js imports of TypeScript modules', () => {
  it('load in the route check, as they would in openapi.json and the build guard', async () => {
    const { stdout } = await runFresh(`
      import { functionsOf } from './scripts/lib/serverless-config.ts'
      import { loadHandler } from './scripts/lib/function-module.ts'
      import { routeProblems } from './scripts/lib/route-check.ts'
      const functions = functionsOf({
        getThing: { handler: '${FIXTURE.replace(/\.ts$/, '')}.handler', events: [{ httpApi: 'GET /things/{thingId}' }] },
      })
      const handler = await loadHandler(functions[0])
      console.log(JSON.stringify({ loaded: typeof handler, problems: await routeProblems(functions) }))
    `)
    assert.deepEqual(JSON.parse(stdout), { loaded: 'function', problems: [] })
  })

  it('do not load in plain Node, so the check above can fail', async () => {
    await assert.rejects(runFresh(`await import('./${FIXTURE}')`), /ERR_MODULE_NOT_FOUND/)
  })

  it('still fail, naming the import as written, when neither file exists', async () => {
    const missing = '../fixtures/js-suffix/nothing.js'
    await assert.rejects(import(missing), (error: NodeJS.ErrnoException) => {
      assert.equal(error.code, 'ERR_MODULE_NOT_FOUND')
      assert.match(error.message, /nothing\.js'/)
      return true
    })
  })
})
