// Turns a copy of this project into a fork the way a team makes one from README.md and docs/:
// /example, examples/ and bench/ deleted, the service renamed, and the notes API of tree/ added
// (three endpoints, a shared module, a middleware, a test of its own) with the serverless.yml
// edits it needs: its function blocks, a request header a browser must send (If-Match), its own
// timeout, memory, environment and role statement. Its response header is declared in its handler
// only: the build guard exposes it.
// Usage: node scripts/fork-check/apply.ts <project copy> [--keep]. Applying it twice changes
// nothing.
import { cp, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { isMap, isSeq, parse, parseDocument, type YAMLSeq } from 'yaml'

const HERE = path.dirname(fileURLToPath(import.meta.url))

export const FORK_SERVICE = 'notes-api'
export const FORK_REQUEST_HEADER = 'If-Match'
const DELETED = ['src/handlers/example.ts', 'tests/example', 'examples', 'bench']

/** Adds `name` to the list at `keys` unless it is there in any letter case. */
const addToList = (doc: ReturnType<typeof parseDocument>, keys: string[], name: string) => {
  const list = doc.getIn(keys) as YAMLSeq | undefined
  if (!isSeq(list)) throw new Error(`serverless.yml: ${keys.join('.')} is not a list`)
  const has = list.items.some((item) => String(item).toLowerCase() === name.toLowerCase())
  if (!has) list.add(name)
}

/** serverless.yml without /example's `# example:begin` … `# example:end` blocks, as README says. */
export const deleteExampleBlocks = (yaml: string): string =>
  yaml.replace(/^[ \t]*# example:begin[\s\S]*?# example:end[^\n]*\n/gm, '')

/** serverless.yml with /example's blocks removed and the fork's edits made. */
export const forkServerlessYml = (yaml: string, functionsYml: string, keep = false): string => {
  const doc = parseDocument(keep ? yaml : deleteExampleBlocks(yaml))
  if (!keep) doc.set('service', FORK_SERVICE)
  const functions = parse(functionsYml) as Record<string, unknown>
  if (!isMap(doc.get('functions'))) doc.set('functions', doc.createNode({}))
  for (const [name, block] of Object.entries(functions)) {
    doc.setIn(['functions', name], doc.createNode(block))
  }
  addToList(doc, ['provider', 'httpApi', 'cors', 'allowedHeaders'], FORK_REQUEST_HEADER)
  // What a data-backed fork adds: a grant on its table (its functions name it in `environment`).
  doc.setIn(['provider', 'iam'], {
    role: {
      statements: [
        {
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
          Resource: `arn:aws:dynamodb:*:*:table/${FORK_SERVICE}-*-notes`,
        },
      ],
    },
  })
  return doc.toString()
}

/**
 * Makes the fork in `root`. With `keep`, only adds the notes API: the first hour of a fork, with
 * /example, examples/ and bench/ still there and the service not yet renamed.
 */
export async function applyFork(root: string, keep = false): Promise<void> {
  if (!keep) {
    for (const file of DELETED) await rm(path.join(root, file), { recursive: true, force: true })
  }
  await cp(path.join(HERE, 'tree'), root, { recursive: true })
  // Its end-to-end test: in tree/ it would run, with nothing to serve, in the template's suite.
  await cp(path.join(HERE, 'e2e/offline.test.ts'), path.join(root, 'tests/notes/offline.test.ts'))
  const yamlPath = path.join(root, 'serverless.yml')
  const functionsYml = await readFile(path.join(HERE, 'functions.yml'), 'utf8')
  const yaml = await readFile(yamlPath, 'utf8')
  await writeFile(yamlPath, forkServerlessYml(yaml, functionsYml, keep))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [root, mode] = process.argv.slice(2)
  if (!root || (mode !== undefined && mode !== '--keep')) {
    console.error('usage: node scripts/fork-check/apply.ts <project copy> [--keep]')
    process.exit(2)
  }
  await applyFork(path.resolve(root), mode === '--keep')
}
