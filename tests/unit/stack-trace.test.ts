import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { projectRoot } from '../../scripts/lib/sls.ts'
import { mapStackTrace } from '../../src/lib/stack-trace.ts'
import { loadEvent } from '../fixtures/events.ts'
import { buildHandlerSource } from '../helpers/bundle.ts'

const execFileAsync = promisify(execFile)

// Inside the project, like serverless-esbuild's .esbuild/.build: map sources are relative to it.
const workDir = path.join(projectRoot, '.esbuild', `test-stack-${randomUUID().slice(0, 8)}`)

after(() => rmSync(workDir, { recursive: true, force: true }))

describe('mapStackTrace', () => {
  // Two generated lines, each mapped from column 0 to the start of the same line of src/a.ts.
  const dist = path.join(workDir, 'unit', 'dist')
  const file = (name: string) => path.join(dist, name)
  const writeBundle = (name: string, map: string) => {
    writeFileSync(file(name), 'first()\nsecond()\nunmapped()\n')
    writeFileSync(`${file(name)}.map`, map)
  }
  const validMap = JSON.stringify({
    version: 3,
    sources: ['../src/a.ts'],
    names: [],
    mappings: 'AAAA;AACA',
  })

  before(() => {
    mkdirSync(dist, { recursive: true })
    writeBundle('a.cjs', validMap)
    writeBundle('cached.cjs', validMap)
    writeBundle('broken.cjs', '{ not json')
  })

  it('rewrites frames of a file with a map to the project path of its source', () => {
    const stack = [
      'Error: boom',
      `    at second (${file('a.cjs')}:2:1)`,
      `    at ${file('a.cjs')}:1:1`,
      `    at new Thing (${file('a.cjs')}:2:1)`,
      `    at async run (${file('a.cjs')}:1:1)`,
    ].join('\n')
    assert.equal(
      mapStackTrace(stack),
      [
        'Error: boom',
        '    at second (src/a.ts:2:1)',
        '    at src/a.ts:1:1',
        '    at new Thing (src/a.ts:2:1)',
        '    at async run (src/a.ts:1:1)',
      ].join('\n'),
    )
  })

  it('leaves every other line alone, and the whole stack when nothing maps', () => {
    const stack = [
      'TypeError: x is not a function',
      `    at third (${file('a.cjs')}:3:1)`,
      `    at ${path.join(dist, 'no-map.cjs')}:1:1`,
      `    at ${pathToFileURL(file('a.cjs'))}:1:1`,
      '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)',
      '    at async Promise.all (index 0)',
      '    at eval (eval at run (file.cjs:1:1), <anonymous>:1:1)',
    ].join('\n')
    assert.equal(mapStackTrace(stack), stack)
  })

  it('keeps frames as they are when the map cannot be parsed', () => {
    const stack = `Error: boom\n    at f (${file('broken.cjs')}:1:1)`
    assert.equal(mapStackTrace(stack), stack)
  })

  it('reads a map once and keeps it for later stacks', () => {
    const stack = `Error: boom\n    at f (${file('cached.cjs')}:2:1)`
    assert.equal(mapStackTrace(stack), 'Error: boom\n    at f (src/a.ts:2:1)')
    unlinkSync(`${file('cached.cjs')}.map`)
    assert.equal(mapStackTrace(stack), 'Error: boom\n    at f (src/a.ts:2:1)')
  })

  // Runs last: it fills the cache for the rest of this process.
  it('keeps at most 64 files, so frame-like text in error messages cannot grow the cache', () => {
    const fakes = Array.from(
      { length: 64 },
      (_, i) => `    at ${path.join(dist, `fake-${i}.js`)}:1:1`,
    )
    const message = `Error: user said\n${fakes.join('\n')}`
    assert.equal(mapStackTrace(message), message)
    writeBundle('late.cjs', validMap)
    const stack = `Error: boom\n    at f (${file('late.cjs')}:2:1)`
    assert.equal(mapStackTrace(stack), 'Error: boom\n    at f (src/a.ts:2:1)')
    unlinkSync(`${file('late.cjs')}.map`)
    assert.equal(mapStackTrace(stack), stack)
  })
})

// A handler as a business function would write it, bundled with the deploy options and run in a
// process of its own without --enable-source-maps, as Lambda runs it.
const HANDLER_SOURCE = `import { createHttpHandler } from '#http'

export const handler = createHttpHandler({
  handler: ({ body }) => {
    if ((body as { fail?: boolean }).fail) {
      throw new Error('failed on purpose')
    }
    return { message: 'ok' }
  },
})
`
const THROW_LINE = HANDLER_SOURCE.split('\n').findIndex((l) => l.includes('throw new Error')) + 1
const THROW_COLUMN = (HANDLER_SOURCE.split('\n')[THROW_LINE - 1] ?? '').indexOf('new Error') + 1

// Hides the map while the bundle loads and answers a request, puts it back for the first error,
// then deletes it before the second: the map is read when an error is logged, and only once.
const CHILD = `
const fs = require('node:fs')
const bundle = process.argv[1]
const event = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
const context = {
  functionName: 'failing', functionVersion: '$LATEST', memoryLimitInMB: '256',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:failing',
  awsRequestId: 'req', getRemainingTimeInMillis: () => 29000,
}
const send = (body) => handler({ ...event, body: JSON.stringify(body) }, context)
fs.renameSync(bundle + '.map', bundle + '.map.hidden')
const { handler } = require(bundle)
;(async () => {
  const statuses = [(await send({ fail: false })).statusCode]
  fs.renameSync(bundle + '.map.hidden', bundle + '.map')
  statuses.push((await send({ fail: true })).statusCode)
  fs.unlinkSync(bundle + '.map')
  statuses.push((await send({ fail: true })).statusCode)
  console.log(JSON.stringify({ statuses, sourceMapsEnabled: process.sourceMapsEnabled }))
})()
`

describe('ERROR lines of a deployed bundle', () => {
  const outfile = path.join(workDir, 'bundle', 'src', 'handlers', 'failing.cjs')
  let lines: Record<string, unknown>[] = []

  before(async () => {
    await buildHandlerSource(HANDLER_SOURCE, outfile)
    const eventFile = path.join(workDir, 'event.json')
    writeFileSync(eventFile, JSON.stringify(loadEvent('json')))
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      ['-e', CHILD, outfile, eventFile],
      {
        // Lambda's environment as deployed: no NODE_OPTIONS, so no --enable-source-maps.
        env: {
          PATH: process.env.PATH,
          TZ: ':UTC',
          POWERTOOLS_SERVICE_NAME: 'failing',
          POWERTOOLS_LOG_LEVEL: 'INFO',
          AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
        },
        timeout: 30_000,
      },
    )
    lines = `${stdout}${stderr}`
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
  })

  const errors = () =>
    lines.filter((l) => l.level === 'ERROR').map((l) => l.error as Record<string, string>)

  it('runs the bundle as deployed: source maps off, 200 then two 500s', () => {
    const outcome = lines.find((l) => 'statuses' in l)
    assert.deepEqual(outcome, { statuses: [200, 500, 500], sourceMapsEnabled: false })
    assert.equal(errors().length, 2)
  })

  it(`names src/handlers/failing.ts:${THROW_LINE} where the business function threw`, () => {
    const [first] = errors()
    assert.equal(first?.location, `src/handlers/failing.ts:${THROW_LINE}`)
    const frames = first?.stack?.split('\n') ?? []
    assert.equal(frames[0], 'Error: failed on purpose')
    // Named after how the chain calls it (`endpoint.handler(…)`), as Node names frames of
    // minified code.
    assert.equal(
      frames[1],
      `    at Object.handler (src/handlers/failing.ts:${THROW_LINE}:${THROW_COLUMN})`,
    )
    assert.doesNotMatch(first?.stack ?? '', /failing\.cjs/)
  })

  it('maps the frames through the chain into the sources and packages too', () => {
    const stack = errors()[0]?.stack ?? ''
    assert.match(stack, /\(src\/http\/create-http-handler\.ts:\d+:\d+\)/)
    assert.match(stack, /\(node_modules\/@middy\/core\/index\.js:\d+:\d+\)/)
  })

  it('maps the next error from the map read for the first one', () => {
    // Up to the child's own code, whose call sites differ between the two requests.
    const bundled = (stack = '') => stack.split('\n[eval]')[0]?.split('    at send (')[0]
    const [first, second] = errors()
    assert.equal(bundled(second?.stack), bundled(first?.stack))
    assert.equal(second?.location, `src/handlers/failing.ts:${THROW_LINE}`)
  })
})
