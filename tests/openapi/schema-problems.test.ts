// `npm run openapi` on a schema JSON Schema cannot describe: it names the handler file, the
// function, the route and the schema, says what to do, and writes nothing.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { parseDocument } from 'yaml'
import { functionsOf } from '../../scripts/lib/serverless-config.ts'
import { projectRoot } from '../../scripts/lib/sls.ts'
import { CONVERSION_ADVICE, schemaProblems } from '../../scripts/openapi/schema-problems.ts'
import { copyProject, type ProjectCopy } from '../helpers/project-copy.ts'

const run = promisify(execFile)

const TRIMMED = {
  trimmed: {
    handler: 'tests/fixtures/unconvertible-endpoints.trimmed',
    events: [{ httpApi: 'POST /names' }],
  },
}
const PROBLEM =
  'tests/fixtures/unconvertible-endpoints.ts (trimmed, POST /names): request body schema: The "trim" action cannot be converted to JSON Schema.'

describe('schemaProblems', () => {
  it('names the file, function, route and schema the converter refused', async () => {
    assert.deepEqual(await schemaProblems(functionsOf(TRIMMED), projectRoot), [PROBLEM])
  })

  it('finds nothing in schemas that convert', async () => {
    const byId = {
      byId: {
        handler: 'tests/fixtures/route-endpoints.byId',
        events: [{ httpApi: 'GET /widgets/{id}' }],
      },
    }
    assert.deepEqual(await schemaProblems(functionsOf(byId), projectRoot), [])
  })
})

describe('npm run openapi on a schema it cannot describe', () => {
  let copy: ProjectCopy | undefined
  let result: { code: number; stdout: string; stderr: string } = { code: 0, stdout: '', stderr: '' }
  let openapiBefore = ''

  before(async () => {
    copy = await copyProject('openapi-trim')
    const file = path.join(copy.root, 'serverless.yml')
    const doc = parseDocument(await readFile(file, 'utf8'))
    doc.setIn(['functions', 'trimmed'], TRIMMED.trimmed)
    await writeFile(file, doc.toString())
    openapiBefore = await readFile(path.join(copy.root, 'openapi.json'), 'utf8')
    try {
      const { stdout, stderr } = await run(process.execPath, ['scripts/openapi.ts'], {
        cwd: copy.root,
      })
      result = { code: 0, stdout, stderr }
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string }
      result = { code: e.code, stdout: e.stdout, stderr: e.stderr }
    }
  })

  after(() => copy?.remove())

  it('exits 1 naming the handler and route, and saying what to do', () => {
    assert.equal(result.code, 1, result.stdout + result.stderr)
    assert.ok(result.stderr.includes(`  - ${PROBLEM}`), result.stderr)
    assert.ok(result.stderr.includes(CONVERSION_ADVICE), result.stderr)
  })

  it('leaves openapi.json as it was', async () => {
    assert.ok(copy)
    assert.equal(await readFile(path.join(copy.root, 'openapi.json'), 'utf8'), openapiBefore)
  })
})
