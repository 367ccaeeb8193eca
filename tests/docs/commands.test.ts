// Every `npm …`, `npx serverless …` and `curl …` in README.md and docs/*.md, run the way a reader
// would type it, on a copy of the project (so that `npm run openapi` or `npm run format` cannot
// touch this tree), with the README walkthrough's endpoint added when examples/ is there. The curls
// go to one serverless-offline started with the documented `npm start`; what needs AWS runs without
// credentials and must get as far as asking for them. tests/docs/command-plans.ts says how each
// kind is run and lists the commands that are not, with the reason.
import assert from 'node:assert/strict'
import { readdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import { type DocCommand, extractCommands, withoutEnv } from '../../scripts/lib/doc-commands.ts'
import { readServerlessConfig } from '../../scripts/lib/serverless-config.ts'
import { projectRoot, slsBin } from '../../scripts/lib/sls.ts'
import { fillPlaceholders, needs, type Plan, planFor } from './command-plans.ts'
import {
  bash as bash_,
  commandEnv,
  copyProject,
  type DocsServer,
  startDocsServer,
} from './docs-tree.ts'

const DOCS = [
  'README.md',
  ...(await readdir(path.join(projectRoot, 'docs')))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
]
const all: DocCommand[] = []
for (const file of DOCS) {
  all.push(...extractCommands(file, await readFile(path.join(projectRoot, file), 'utf8')))
}
// One run per distinct command (with its block's variables); the others are named with it.
const distinct = new Map<string, DocCommand[]>()
for (const c of all) {
  const key = [...c.setup, c.command].join('\n')
  distinct.set(key, [...(distinct.get(key) ?? []), c])
}

const exists = (file: string) =>
  readFile(path.join(projectRoot, file)).then(
    () => true,
    () => false,
  )
const WITH_EXAMPLES = await exists('examples/tests/walkthrough-tree.ts')
const WITH_BENCH = await exists('bench/lib/options.ts')
const WITH_EXAMPLE = readServerlessConfig(projectRoot).functions.some((fn) => fn.name === 'example')

let root = ''
let server: DocsServer | undefined
let url = ''
const bash = (script: string, env?: NodeJS.ProcessEnv) => bash_(root, script, env)

before(
  async () => {
    root = await copyProject()
    // The tree a reader of the README has: the walkthrough's steps 1-3 taken.
    if (WITH_EXAMPLES) {
      const walkthrough = path.join(projectRoot, 'examples/tests/walkthrough-tree.ts')
      const { applyWalkthrough } = (await import(walkthrough)) as {
        applyWalkthrough: (root: string) => Promise<void>
      }
      await applyWalkthrough(root)
    }
    const openapi = await bash('npm run -s openapi')
    assert.equal(openapi.code, 0, openapi.stderr)
    server = await startDocsServer(root)
    url = server.url
  },
  { timeout: 180_000 },
)

after(async () => {
  await server?.stop()
  if (root) await rm(root, { recursive: true, force: true })
})

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g
const same = (text: string) => text.replace(UUID, '<uuid>').trim()

/** The response of a curl against what the docs show under it. */
function checkShown(c: DocCommand, stdout: string): void {
  const [head = '', ...rest] = stdout.split('\r\n\r\n')
  const withHeaders = / -i /.test(` ${c.command} `)
  const headers = withHeaders ? head.split('\r\n') : []
  const body = withHeaders ? rest.join('\r\n\r\n') : stdout
  for (const line of c.shown) {
    if (line.startsWith('HTTP/')) assert.equal(headers[0], line, 'status line')
    else if (/^[\w-]+: /.test(line)) {
      const lower = (h: string) => same(h.replace(/^[^:]+/, (name) => name.toLowerCase()))
      assert.ok(headers.map(lower).includes(lower(line)), `no header ${line} in\n${head}`)
    } else if (/^[[{]/.test(line)) assert.equal(same(body), same(line), 'body')
  }
}

async function runPlan(plan: Plan, c: DocCommand, others: DocCommand[]): Promise<void> {
  const command = fillPlaceholders(c.command)
  switch (plan.kind) {
    case 'server':
      assert.ok(server?.output().includes('Server ready'))
      return
    case 'curl': {
      const script = [...c.setup, command].join('\n').replaceAll('http://localhost:3000', url)
      const result = await bash(script)
      assert.equal(result.code, 0, result.stderr)
      checkShown(c, result.stdout)
      return
    }
    case 'run': {
      const result = await bash(command)
      assert.equal(result.code, 0, `${command}\n${result.stdout}\n${result.stderr}`)
      if (plan.expect) assert.match(`${result.stdout}${result.stderr}`, plan.expect)
      return
    }
    case 'no-aws': {
      const result = await bash(command)
      assert.notEqual(result.code, 0)
      assert.match(`${result.stdout}${result.stderr}`, /AWS provider credentials not found/)
      return
    }
    case 'env-print': {
      const vars = command
        .slice(0, command.length - withoutEnv(command).length)
        .trim()
        .split(' ')
      const env = commandEnv()
      for (const pair of vars) {
        const [name = '', value = ''] = pair.split('=')
        env[name] = value
      }
      const result = await bash(`node ${slsBin} print --stage local`, env)
      assert.equal(result.code, 0, result.stderr)
      for (const pair of vars) assert.ok(result.stdout.includes(pair.replace('=', ': ')), pair)
      return
    }
    case 'bench-flags': {
      const args = withoutEnv(command).split(' -- ')[1]?.split(' ') ?? []
      const load = `process.argv.push(...${JSON.stringify(args)}); await import('./bench/lib/options.ts')`
      const result = await bash(`node --input-type=module -e ${JSON.stringify(load)}`)
      assert.equal(result.code, 0, result.stderr)
      return
    }
    case 'mention': {
      const normal = (text: string) =>
        withoutEnv(text)
          .replace(/^npx /, '')
          .replace(/^npm run -s /, 'npm run ')
      const forms = others.filter((o) => normal(o.command).startsWith(`${normal(c.command)} `))
      const runnable = forms.filter(
        (o) => !['skip', 'mention'].includes(planFor(o.command)?.kind ?? 'skip'),
      )
      assert.ok(runnable.length > 0, `no runnable form of ${c.command} in the docs`)
      return
    }
    case 'covered':
    case 'skip':
      return
  }
}

/** The functions and routes `c` names that `root`'s serverless.yml does not declare. */
const undeclaredIn = (root: string, c: DocCommand): string[] => {
  const { functions: declared } = readServerlessConfig(root)
  const { functions, paths } = needs(c)
  const routed = (p: string) =>
    declared.some((fn) =>
      fn.routes.some((r) => new RegExp(`^${r.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(p)),
    )
  return [
    ...functions.filter((f) => !declared.some((fn) => fn.name === f)),
    ...paths.filter((p) => !routed(p)),
  ]
}

const where = (list: DocCommand[]) => list.map((c) => `${c.file}:${c.line}`).join(', ')

describe('the commands in README.md and docs/', () => {
  it('finds commands in the docs, each one classified', () => {
    assert.ok(all.length > 20, `only ${all.length} commands found`)
    const unclassified = all.filter((c) => planFor(c.command) === undefined)
    assert.deepEqual(
      unclassified.map((c) => `${c.file}:${c.line} ${c.command}`),
      [],
      'add a rule for each to tests/docs/command-plans.ts',
    )
  })

  const cases = [...distinct.values()].flatMap((list) => {
    const [c] = list
    const plan = c && planFor(c.command)
    if (c === undefined || plan === undefined) return []
    // A fork may delete /example or examples/ (README "Make it yours") and keep the docs as they
    // are: what the docs name from a deleted group is skipped. The walkthrough's endpoints come
    // with examples/ (they are added to the copy); anything else must be declared.
    const gone = undeclaredIn(projectRoot, c).filter(
      (m) => (m.replace(/^\//, '') === 'example' && !WITH_EXAMPLE) || !WITH_EXAMPLES,
    )
    const skip =
      plan.kind === 'skip'
        ? plan.reason
        : plan.kind === 'covered'
          ? `run by ${plan.by}`
          : gone.length > 0
            ? `${gone.join(', ')} not in this tree`
            : plan.kind === 'bench-flags' && !WITH_BENCH
              ? 'bench/ is not in this tree'
              : false
    const name = `${c.command} (${where(list)})`
    const writes = (plan.kind === 'run' && plan.writes === true) || plan.kind === 'no-aws'
    return [{ c, plan, skip, name, writes }]
  })

  describe('run as written', { concurrency: 3 }, () => {
    for (const { c, plan, skip, name } of cases.filter((k) => !k.writes)) {
      it(name, { skip }, async () => {
        const undeclared = undeclaredIn(root, c)
        assert.deepEqual(undeclared, [], 'named in the docs, declared nowhere in serverless.yml')
        await runPlan(plan, c, all)
      })
    }
  })

  // After the others, which read what these write (openapi.json, sources, .serverless/).
  describe('run as written, one at a time: they write the tree', () => {
    for (const { c, plan, skip, name } of cases.filter((k) => k.writes)) {
      it(name, { skip }, () => runPlan(plan, c, all))
    }
  })
})

describe('npm start as docs/logging.md and docs/reliability.md describe it', () => {
  it('logs a request without cookies the way docs/logging.md says', {
    skip: !WITH_EXAMPLE,
  }, async () => {
    const agent = `docs-cookies-${process.pid}`
    const response = await fetch(`${url}/example`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': agent },
      body: 'a=1',
    })
    assert.equal(response.status, 200)
    // offline's worker threads write through the CLI's stdout a moment after the response.
    let line: { event?: { cookies?: unknown } } | undefined
    for (let tries = 0; tries < 50 && line === undefined; tries++) {
      const found = server
        ?.output()
        .split('\n')
        .find((l) => l.includes('"level":"DEBUG"') && l.includes(agent))
      if (found) line = JSON.parse(found) as typeof line
      else await new Promise((resolve) => setTimeout(resolve, 100))
    }
    assert.ok(line?.event, 'no DEBUG event line')
    // offline sends `cookies: []`, which the logger redacts like any value of that key.
    const shown = `"cookies":${JSON.stringify(line.event.cookies)}`
    const doc = await readFile(path.join(projectRoot, 'docs/logging.md'), 'utf8')
    assert.ok(
      doc.includes(`under \`npm start\` it shows\n\`${shown}\``),
      `docs/logging.md: ${shown}`,
    )
  })

  it('mangles a gzip body, which the chain answers 400 (docs/reliability.md)', {
    skip: !WITH_EXAMPLE,
  }, async () => {
    const response = await fetch(`${url}/example`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync('{"a":1}'),
    })
    assert.equal(response.status, 400)
    const { detail } = (await response.json()) as { detail: string }
    const doc = await readFile(path.join(projectRoot, 'docs/reliability.md'), 'utf8')
    assert.ok(doc.includes(`\`400\` \`${detail}\``), `docs/reliability.md lacks ${detail}`)
  })
})
