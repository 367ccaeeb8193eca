// --floor-substitute: the floor can be the service with one piece swapped (a source file or a
// package import), so a replacement is measured against the original in the same run.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { buildHandler, SERVICE_ENTRY } from '../lib/build.ts'

const outDir = await mkdtemp(path.join(tmpdir(), 'bench-substitute-'))
after(() => rm(outDir, { recursive: true, force: true }))

const ENTRY = SERVICE_ENTRY
const inputsOf = async (name: string, substitutes: Record<string, string> = {}) =>
  (await buildHandler(ENTRY, path.join(outDir, name), substitutes)).inputs.map((i) => i.path)

describe('buildHandler with substitutes', () => {
  it('bundles a substitute file in place of a source file, and only there', async () => {
    const from = 'src/lib/log-formatter.ts'
    const to = 'bench/variants/one-pass-log-formatter.ts'
    const plain = await inputsOf('plain')
    const swapped = await inputsOf('file', { [from]: to })
    assert.ok(plain.includes(from) && !plain.includes(to))
    assert.ok(swapped.includes(to) && !swapped.includes(from))
    assert.deepEqual(
      swapped.filter((input) => input !== to),
      plain.filter((input) => input !== from),
    )
  })

  it('bundles a substitute file in place of a package import', async () => {
    const to = 'bench/variants/lambda-context.ts'
    const powertools = /logger\/lib\/esm\/middleware\/middy\.js$/
    assert.ok((await inputsOf('plain')).some((input) => powertools.test(input)))
    const swapped = await inputsOf('package', { '@aws-lambda-powertools/logger/middleware': to })
    assert.ok(swapped.includes(to))
    assert.ok(!swapped.some((input) => powertools.test(input)))
  })
})
