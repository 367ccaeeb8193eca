// The bundle-size budget (cold start grows with what the bundle loads), for every
// function in serverless.yml. Deterministic: the same sources and options always give the same
// bytes, so unlike timings it can be asserted.
import assert from 'node:assert/strict'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { readServerlessConfig } from '../../scripts/lib/serverless-config.ts'
import { projectRoot } from '../../scripts/lib/sls.ts'
import { type BundleInfo, buildHandler } from '../helpers/bundle.ts'

// What every bundle carries: the chain, the endpoint declaration and validation step,
// Content-Encoding, WHATWG charsets, the event guard, list-valued headers, the stack-trace
// mapping, Powertools' injectLambdaContext, and the auth step's wiring (its place in the chain,
// the business input's `auth`, `sub` on the summary, two redacted log keys; the check itself goes
// only into endpoints that declare `auth`): 45,970 B for /example, whole. Compiling costs ~0.1 ms of CPU
// per kB at cold start (npm run bench, "cold: load"), so the budget is the measured size plus a
// margin: growth beyond it has to be a decision, not an accident.
const BUDGET_BYTES = 46_000
// What an endpoint adds with its own schemas; the chain's share is budgeted, not the library's.
const SCHEMA_LIBRARIES = /node_modules\/(valibot|zod|arktype|@ark|@standard-schema)\//

// The auth check and everything it uses; `jose` only signs development tokens (scripts/).
const AUTH_CODE = /^src\/(http\/auth|middleware\/jwt-auth|lib\/claims)\.ts$|node_modules\/jose\//

// What an endpoint that keeps data declares (`#data`, `#data/idempotency`): Powertools
// idempotency with its JMESPath (and, while it pins another commons, a copy of that). The AWS SDK
// is outside every bundle.
const DATA_CODE =
  /^src\/(data\/|middleware\/(idempotency|dynamodb-errors)\.ts$)|node_modules\/@aws-lambda-powertools\/(idempotency|jmespath)\//

const functions = readServerlessConfig().functions
const PLAIN = 'tests/fixtures/endpoint.ts'

describe('bundle sizes', () => {
  let outDir = ''
  const bundles = new Map<string, BundleInfo>()
  before(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'bundle-size-'))
    for (const fn of functions) {
      bundles.set(fn.name, await buildHandler(fn.module, path.join(outDir, fn.name)))
    }
    // Declared like /example (no schema, no auth), so these checks outlive a fork's /example.
    bundles.set(PLAIN, await buildHandler('tests/fixtures/endpoint.ts', path.join(outDir, PLAIN)))
  })
  after(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true })
  })

  const bundleOf = (name: string): BundleInfo => {
    const bundle = bundles.get(name)
    assert.ok(bundle, `no bundle for ${name}`)
    return bundle
  }

  // The chain's share is budgeted: what an endpoint declares (its own file, its schema library,
  // the auth check) grows with the endpoint, so a fork's endpoints are held to the same budget.
  it(`keeps every function within ${BUDGET_BYTES} bytes minified, the endpoint's own code aside`, () => {
    // esbuild's module wrappers belong to no input and grow with the modules an endpoint adds
    // (~1.3 kB with idempotency); beyond what a bundle like /example has, they are the endpoint's.
    const unattributed = (bundle: BundleInfo) =>
      bundle.bytes - bundle.inputs.reduce((sum, input) => sum + input.bytes, 0)
    const baseline = unattributed(bundleOf(PLAIN))
    for (const fn of functions) {
      const bundle = bundleOf(fn.name)
      const wrappers = Math.max(0, unattributed(bundle) - baseline)
      const library =
        wrappers +
        bundle.inputs
          .filter(
            (input) =>
              SCHEMA_LIBRARIES.test(input.path) ||
              AUTH_CODE.test(input.path) ||
              DATA_CODE.test(input.path) ||
              // The endpoint's file and files beside it (a model its endpoints share).
              path.dirname(input.path) === path.dirname(fn.module),
          )
          .reduce((sum, input) => sum + input.bytes, 0)
      const top = bundle.packages
        .slice(0, 6)
        .map((p) => `${p.path} ${p.bytes} B`)
        .join(', ')
      assert.ok(
        bundle.bytes - library <= BUDGET_BYTES,
        `${fn.name}: ${bundle.bytes} B (gzip ${bundle.gzipBytes} B, the endpoint's own ${library} B), over ${BUDGET_BYTES} B; largest: ${top}`,
      )
    }
  })

  it('bundles no schema library into an endpoint that declares no schema', () => {
    const inputs = Object.keys(bundleOf(PLAIN).metafile.inputs)
    assert.deepEqual(
      inputs.filter((input) => SCHEMA_LIBRARIES.test(input)),
      [],
    )
    assert.ok(
      inputs.some((input) => input.includes('@middy/core')),
      'metafile lists the inputs',
    )
  })

  it('bundles the auth check only into an endpoint that declares auth, and no JWT library', async () => {
    const orders = await buildHandler(
      'tests/fixtures/route-endpoints.ts',
      path.join(outDir, 'with-auth'),
    )
    const authInputs = (bundle: BundleInfo) =>
      Object.keys(bundle.metafile.inputs).filter((input) => AUTH_CODE.test(input))
    assert.deepEqual(authInputs(bundleOf(PLAIN)), [])
    assert.deepEqual(authInputs(orders).sort(), [
      'src/http/auth.ts',
      'src/lib/claims.ts',
      'src/middleware/jwt-auth.ts',
    ])
  })

  // An endpoint pays in bytes, so in cold start, for every module it bundles; one that declares
  // nothing but its business function and a header gets none of the modules listed here. A new
  // module that /example does not need belongs on this list, one it does need is a decision.
  it('leaves the auth check and the type-only modules out of an endpoint declared like /example', async () => {
    const sources = (await readdir(path.join(projectRoot, 'src'), { recursive: true }))
      .map((file) => `src/${file}`)
      // The chain's modules; src/handlers/ holds endpoints, each bundled on its own.
      .filter((file) => file.endsWith('.ts') && !file.startsWith('src/handlers/'))
    const bundled = new Set(Object.keys(bundleOf(PLAIN).metafile.inputs))
    assert.deepEqual(sources.filter((file) => !bundled.has(file)).sort(), [
      // `#data` and `#data/idempotency`: the AWS SDK and Powertools idempotency, data only.
      'src/data/client.ts',
      'src/data/index.ts',
      'src/data/keys.ts',
      'src/http/auth.ts',
      'src/http/endpoint.ts',
      'src/lib/claims.ts',
      'src/lib/types.ts',
      'src/middleware/dynamodb-errors.ts',
      'src/middleware/idempotency.ts',
      'src/middleware/jwt-auth.ts',
    ])
  })

  // node:crypto costs ~9 ms of cold start to load, and Powertools Logger needs only `randomInt`
  // from it (for sampling): the `alias` in esbuild.config.cjs puts src/lib/random-int.ts in its
  // place. The bundle's size cannot tell the two apart (node:crypto is external either way), so
  // the metafile's import graph is asserted.
  it('replaces node:crypto with the src/lib/random-int.ts stand-in (esbuild alias)', () => {
    const imports = Object.entries(bundleOf(PLAIN).metafile.inputs).flatMap(([file, input]) =>
      input.imports.map((i) => ({ file, ...i })),
    )
    assert.deepEqual(
      imports.filter((i) => /^(node:)?crypto$/.test(i.path)),
      [],
      'node:crypto itself is imported',
    )
    assert.deepEqual(
      imports.filter((i) => i.original !== undefined && /^(node:)?crypto$/.test(i.original)),
      [
        {
          file: 'node_modules/@aws-lambda-powertools/logger/lib/esm/Logger.js',
          path: 'src/lib/random-int.ts',
          kind: 'import-statement',
          original: 'node:crypto',
        },
      ],
    )
  })

  // Loading node:zlib costs ~1.5 ms of every cold start; Content-Encoding fetches it on demand.
  // Powertools' JMESPath imports it, so an endpoint that declares idempotency pays for it.
  it('loads no node:zlib when the bundle loads', () => {
    for (const fn of functions) {
      const importers = Object.entries(bundleOf(fn.name).metafile.inputs)
        .filter(
          ([file, input]) =>
            !DATA_CODE.test(file) && input.imports.some((i) => i.path === 'node:zlib'),
        )
        .map(([file]) => file)
      assert.deepEqual(importers, [], `${fn.name} imports node:zlib`)
    }
  })

  // Holds whether the bundle imports node:crypto itself or the stand-in: only the logger may, so
  // the stand-in cannot silently break anything else.
  it('imports node:crypto (or a stand-in for it) from Powertools Logger only', () => {
    for (const fn of functions) {
      const importers = Object.entries(bundleOf(fn.name).metafile.inputs)
        .filter(([, input]) => input.imports.some((i) => /node:crypto|random-int/.test(i.path)))
        .map(([file]) => file)
      for (const file of importers) {
        // Idempotency hashes with createHash and JMESPath draws with randomInt: both in the stand-in.
        if (DATA_CODE.test(file)) continue
        assert.match(file, /@aws-lambda-powertools\/logger\/lib\/esm\/Logger\.js$/)
      }
    }
  })
})
