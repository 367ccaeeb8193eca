// The README's "Adding an endpoint", followed literally on a copy of the project: copy the example
// handler, add its function block to serverless.yml, `npm run openapi`. Then the checks that scale
// with the endpoints (type check, packaging, OpenAPI) must pass there as here, and the new route
// must answer over serverless-offline exactly as the README shows.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { mintDevToken } from '../../scripts/lib/dev-token.ts'
import { type OfflineServer, startOffline } from '../../scripts/lib/offline.ts'
import { newWorkFolder, projectRoot, slsEnv } from '../../scripts/lib/sls.ts'
import { WITH_EXAMPLE } from './examples.ts'
import { applyWalkthrough, copyProject } from './walkthrough-tree.ts'

const run = promisify(execFile)
const README = await readFile(path.join(projectRoot, 'README.md'), 'utf8')

/** The fenced block that follows `<!-- walkthrough: <file> -->` in the README. */
const readmeBlock = (file: string): string => {
  const marker = `<!-- walkthrough: ${file} -->`
  const at = README.indexOf(marker)
  assert.notEqual(at, -1, `README has no ${marker}`)
  const match = /```[a-z]*\n([\s\S]*?)```/.exec(README.slice(at + marker.length))
  assert.ok(match?.[1] !== undefined, `no code block after ${marker}`)
  return match[1]
}

// Without NODE_TEST_CONTEXT: a nested `node --test` would otherwise report to this runner in its
// binary protocol instead of printing TAP.
const { NODE_TEST_CONTEXT: _, ...parentEnv } = process.env
const node = (root: string, args: string[], timeout = 180_000) =>
  run(process.execPath, args, { cwd: root, timeout, env: { ...parentEnv, NO_COLOR: '1' } })

let root = ''

before(
  async () => {
    root = await copyProject('walkthrough')
    // The README's steps, unless this tree has taken them already (then `npm test` must stay
    // green all the same, and the checks below run on it as it is).
    await applyWalkthrough(root)
    await node(root, ['scripts/openapi.ts'])
  },
  { timeout: 120_000 },
)

after(async () => {
  if (root) await rm(root, { recursive: true, force: true })
})

describe('README walkthrough: a second endpoint', () => {
  it('shows the example handler and its function block as they are in examples/', async () => {
    for (const file of ['examples/orders.ts', 'examples/orders.yml']) {
      assert.equal(readmeBlock(file), await readFile(path.join(projectRoot, file), 'utf8'), file)
    }
  })

  it('documents the new route in openapi.json, with a 422', async () => {
    const document = JSON.parse(await readFile(path.join(root, 'openapi.json'), 'utf8'))
    // The orders route is added, and every route the tree had before is described as it was.
    const before = JSON.parse(await readFile(path.join(projectRoot, 'openapi.json'), 'utf8'))
    assert.deepEqual(
      Object.keys(document.paths).sort(),
      [...new Set([...Object.keys(before.paths), '/orders', '/orders/{orderId}'])].sort(),
    )
    for (const [routePath, item] of Object.entries(before.paths)) {
      if (!routePath.startsWith('/orders')) {
        assert.deepEqual(document.paths[routePath], item, routePath)
      }
    }
    assert.deepEqual(Object.keys(document.paths['/orders'].post.responses), [
      ...['201', '400', '401', '403', '409', '413', '415', '422', '500', '503', '504'],
    ])
  })

  it('keeps the type check, packaging and OpenAPI tests green with the new function', async () => {
    await node(root, ['node_modules/typescript/bin/tsc', '-p', '.'])
    // alarms.test.ts: the alarms, metric filters and dashboard widgets are generated per function.
    const tests = [
      'tests/infra/package.test.ts',
      'tests/infra/alarms.test.ts',
      'tests/openapi/openapi.test.ts',
    ]
    const { stdout } = await node(root, ['--test', '--test-reporter=tap', ...tests]).catch(
      (error: { stdout?: string; stderr?: string }) => {
        assert.fail(`tests failed in the copy:\n${error.stdout ?? ''}${error.stderr ?? ''}`)
      },
    )
    assert.match(stdout, /^# fail 0$/m)
    assert.match(stdout, /deploys exactly the functions serverless\.yml lists/)
    assert.match(stdout, /watches every function: errors, throttles and p99 duration/)
  })

  it('invokes the new function by name with its checked-in event (npm run invoke -- orders)', async () => {
    const { stdout } = await run(
      'npm',
      ['run', '-s', 'invoke', '--', 'orders', '--path', 'events/orders.json'],
      { cwd: root, timeout: 120_000, env: slsEnv(newWorkFolder('walkthrough-invoke')) },
    )
    const lines = stdout.split('\n')
    const result = JSON.parse(lines.slice(lines.lastIndexOf('{')).join('\n')) as {
      statusCode: number
      headers: Record<string, string>
      body: string
    }
    assert.equal(result.statusCode, 201)
    const { id } = JSON.parse(result.body) as { id: string }
    assert.equal(result.headers.location, `/orders/${id}`)
    const logged = lines.find((line) => line.includes('"order accepted"'))
    assert.equal(JSON.parse(logged ?? '{}').correlation_id, 'Zf4dZq0rFiAEPkA=')
  })

  describe('over serverless-offline (npm start)', () => {
    let offline: OfflineServer | undefined
    before(async () => {
      offline = await startOffline({ root, readyTimeoutMs: 60_000 })
    })
    after(async () => {
      await offline?.stop()
    })

    // As the README's TOKEN=$(npm run -s token -- --scope orders:write).
    const post = async (body: string) => {
      assert.ok(offline)
      const token = await mintDevToken({ scopes: ['orders:write'] })
      const response = await fetch(`${offline.httpUrl}/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      })
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        location: response.headers.get('location') ?? '',
        text: await response.text(),
      }
    }

    it('answers the README order 201 with its Location and the body the README shows', async () => {
      const { status, text, location } = await post(
        '{"email":"ada@example.com","items":[{"sku":"ABC-1234","quantity":2}]}',
      )
      assert.equal(status, 201)
      const { id } = JSON.parse(text) as { id: string }
      assert.equal(location, `/orders/${id}`)
      // The README shows one such id; every other byte is the same.
      const shown = /^# location: \/orders\/([0-9a-f-]{36})$/m.exec(README)?.[1]
      assert.ok(shown, 'README shows no location line')
      assert.ok(README.includes(`# location: ${location.replaceAll(id, shown)}`))
      assert.ok(README.includes(`# ${text.replaceAll(id, shown)}`), `README lacks ${text}`)
      // Its business log line, with the request's correlation id, as the README shows it.
      // offline's worker threads write through the CLI's stdout a moment after the response.
      const logged = async (tries = 50): Promise<Record<string, unknown> | undefined> => {
        const found = offline
          ?.output()
          .split('\n')
          .filter((l) => l.includes('"order accepted"'))
          .map((l) => JSON.parse(l) as Record<string, unknown>)
          .find((l) => l.orderId === id)
        if (found || tries === 0) return found
        await new Promise((resolve) => setTimeout(resolve, 100))
        return logged(tries - 1)
      }
      const line = await logged()
      assert.equal(line?.level, 'INFO')
      assert.equal(line?.correlation_id, 'offlineContext_resourceId')
      assert.equal(line?.function_name, 'example-service-local-orders')
      assert.equal(line?.units, 2)
      assert.ok(README.includes('"correlation_id":"offlineContext_resourceId","orderId"'))
    })

    it('answers the README invalid order 422, with the problem the README shows', async () => {
      const { status, type, text } = await post(
        '{"email":"not-an-email","items":[{"sku":"abc","quantity":0}]}',
      )
      assert.equal(status, 422)
      assert.equal(type, 'application/problem+json')
      assert.ok(README.includes(text), `README lacks ${text}`)
    })

    it('answers the README auth curls, run as shown, with the statuses it shows', async () => {
      assert.ok(offline)
      const marker = '<!-- auth-curls -->'
      const block = /```sh\n([\s\S]*?)```/.exec(README.slice(README.indexOf(marker)))?.[1]
      assert.ok(README.includes(marker) && block, `README has no ${marker} block`)
      const steps = block
        .replaceAll('\\\n', ' ')
        .split('\n')
        .reduce<{ command: string; shown: string }[]>((list, line) => {
          if (line.startsWith('curl ')) list.push({ command: line, shown: '' })
          else if (line.startsWith('# HTTP/1.1 ') && list.at(-1)) {
            const last = list.at(-1)
            if (last) last.shown = line.slice(2)
          }
          return list
        }, [])
      assert.deepEqual(
        steps.map((step) => step.shown),
        ['HTTP/1.1 401 Unauthorized', 'HTTP/1.1 403 Forbidden', 'HTTP/1.1 201 Created'],
      )
      const url = offline.httpUrl
      for (const { command, shown } of steps) {
        const script = command.replaceAll('http://localhost:3000', url)
        const output: { stdout: string } = await run('bash', ['-c', script], {
          cwd: root,
          timeout: 60_000,
          encoding: 'utf8',
        })
        assert.equal(output.stdout.split('\r\n')[0], shown, command)
      }
    })

    it('still answers POST /example', WITH_EXAMPLE, async () => {
      assert.ok(offline)
      const response = await fetch(`${offline.httpUrl}/example`, {
        method: 'POST',
        body: 'a=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      assert.equal(response.status, 200)
      assert.equal(await response.text(), '{"message":"ok"}')
    })
  })
})
