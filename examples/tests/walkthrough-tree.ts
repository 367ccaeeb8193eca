// A copy of this project in a temporary folder with the README walkthrough applied (the orders
// handler copied into src/handlers/, its function block added to serverless.yml), for tests that
// need a protected route: serverless.yml itself deploys only the public POST /example.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { cp, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { parseDocument } from 'yaml'
import { readServerlessConfig } from '../../scripts/lib/serverless-config.ts'
import { copyProject as copyTree } from '../../tests/helpers/project-copy.ts'

const _run = promisify(execFile)

/** serverless.yml with a function block appended to `functions:`, before the next section. */
export const addFunction = (yaml: string, block: string): string => {
  const lines = yaml.split('\n')
  const start = lines.indexOf('functions:')
  assert.notEqual(start, -1, 'serverless.yml has no functions: section')
  let end = lines.findIndex((line, i) => i > start && /^\S/.test(line))
  if (end === -1) end = lines.length
  while (end > start && lines[end - 1]?.trim() === '') end--
  lines.splice(end, 0, ...block.trimEnd().split('\n'))
  return lines.join('\n')
}

/** Copies the project's tracked and untracked-but-not-ignored files, node_modules linked. */
export async function copyProject(label: string): Promise<string> {
  return (await copyTree(label)).root
}

/** The README's step 1: each `cp examples/… src/handlers/…` it shows, as [from, to]. */
export async function walkthroughCopies(root: string): Promise<[string, string][]> {
  const readme = await readFile(path.join(root, 'README.md'), 'utf8')
  const copies = [...readme.matchAll(/`cp (examples\/\S+\.ts) (src\/handlers\/\S+\.ts)`/g)]
  assert.ok(copies.length > 0, 'README shows no `cp examples/… src/handlers/…`')
  return copies.map(([, from = '', to = '']) => [from, to])
}

/** Takes the README's steps 1 and 2 in `root`, unless that tree has taken them already. */
export async function applyWalkthrough(root: string): Promise<void> {
  if (readServerlessConfig(root).functions.some((fn) => fn.name === 'orders')) return
  for (const [from, to] of await walkthroughCopies(root)) {
    await cp(path.join(root, from), path.join(root, to))
  }
  const yamlPath = path.join(root, 'serverless.yml')
  const block = await readFile(path.join(root, 'examples/orders.yml'), 'utf8')
  await writeFile(yamlPath, addFunction(await readFile(yamlPath, 'utf8'), block))
}

/** Sets a stage's params in `root`'s serverless.yml, as a deployer would under `params:`. */
export async function setStageParams(
  root: string,
  stage: string,
  values: Record<string, unknown>,
): Promise<void> {
  const yamlPath = path.join(root, 'serverless.yml')
  const doc = parseDocument(await readFile(yamlPath, 'utf8'))
  for (const [key, value] of Object.entries(values)) doc.setIn(['params', stage, key], value)
  await writeFile(yamlPath, doc.toString())
}

/** A walkthrough tree; `remove()` deletes it. */
export async function walkthroughTree(label: string) {
  const root = await copyProject(label)
  await applyWalkthrough(root)
  return { root, remove: () => rm(root, { recursive: true, force: true }) }
}
