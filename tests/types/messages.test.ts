// What `tsc` tells a user who returns a Lambda result ({ statusCode, headers, body }) from a
// business function: the error must say what to do instead, i.e. name `respond`. The
// `@ts-expect-error` cases in endpoint.types.ts only pin that there is an error; this compiles such
// a file and reads the message.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { projectRoot } from '../../scripts/lib/sls.ts'

const CASES = {
  literal: `() => ({ statusCode: 201, headers: { location: '/orders/1' }, body: '{}' })`,
  async: `async () => ({ statusCode: 201, body: '' })`,
  variable: `() => result`,
  asyncVariable: `async () => result`,
}

const source = `import { createHttpHandler } from ${JSON.stringify(path.join(projectRoot, 'src/http/index.ts'))}
const result = { statusCode: 201, body: '' }
${Object.entries(CASES)
  .map(([name, handler]) => `export const ${name} = createHttpHandler({ handler: ${handler} })`)
  .join('\n')}
`

describe('tsc on a Lambda result returned as data', () => {
  let dir = ''
  let output = ''
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'types-messages-'))
    await writeFile(path.join(dir, 'handler.ts'), source)
    await writeFile(path.join(dir, 'package.json'), '{"type":"module"}')
    await writeFile(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: path.join(projectRoot, 'tsconfig.json'),
        compilerOptions: { typeRoots: [path.join(projectRoot, 'node_modules/@types')] },
        include: ['handler.ts'],
      }),
    )
    const tsc = path.join(projectRoot, 'node_modules/.bin/tsc')
    const run = await promisify(execFile)(tsc, ['-p', dir, '--pretty', 'false']).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
    )
    output = run.stdout
  })
  after(() => rm(dir, { recursive: true, force: true }))

  Object.keys(CASES).forEach((name, index) => {
    it(`names respond() in the error of the ${name} case`, () => {
      // Each case is one line of the file, from line 3 on; its error runs until the next one.
      const errors = output.split(/\n(?=\S)/).filter((e) => e.includes(`handler.ts(${index + 3},`))
      assert.equal(errors.length, 1, output)
      assert.match(errors[0] ?? '', /UseRespondForStatusCodes/)
    })
  })

  it('reports nothing else', () => {
    assert.equal(output.match(/error TS/g)?.length, Object.keys(CASES).length, output)
  })
})
