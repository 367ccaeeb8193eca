// The bundle-size budget (cold start grows with what the bundle loads), for every
// function in serverless.yml. Deterministic: the same sources and options always give the same
// bytes, so unlike timings it can be asserted.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { readServerlessConfig } from '../../scripts/lib/serverless-config.ts'
import { type BundleInfo, buildHandler, packageOf } from '../helpers/bundle.ts'

// What every bundle carries: the chain, the endpoint declaration and validation step,
// Content-Encoding, WHATWG charsets, the event guard, list-valued headers, the stack-trace
// mapping, Powertools' injectLambdaContext, and the auth step's wiring (its place in the chain,
// the business input's `auth`, `sub` on the summary, two redacted log keys; the check itself goes
// only into endpoints that declare `auth`). Compiling costs ~0.1 ms of CPU per kB at cold start
// (npm run bench, "cold: load"). The chain's own figure is pinned whole on /example
// (tests/example/bundle.test.ts, 47,000 B); here every function's share of the chain is held to
// that plus room for a fork's own middlewares in src/middleware/, which bundle as chain code.
const CHAIN_BYTES = 47_000
const OWN_MIDDLEWARE_ALLOWANCE_BYTES = 2_000
const BUDGET_BYTES = CHAIN_BYTES + OWN_MIDDLEWARE_ALLOWANCE_BYTES
// The chain's folders; anything else in src/ (handlers, src/<domain>/) is an endpoint's own.
const CHAIN_CODE = /^src\/(http|lib|middleware)\//
// What an endpoint adds with its own schemas; the chain's share is budgeted, not the library's.
const SCHEMA_LIBRARIES = /node_modules\/(valibot|zod|arktype|@ark|@standard-schema)\//

// The auth check and everything it uses; `jose` only signs development tokens (scripts/).
const AUTH_CODE = /^src\/(http\/auth|middleware\/jwt-auth|lib\/claims)\.ts$|node_modules\/jose\//
// Modules only types are imported from: bundling one means a value import crept in.
const TYPE_ONLY = ['src/http/endpoint.ts', 'src/lib/types.ts']

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

  // The chain's share is budgeted: the chain's folders and the packages the chain itself bundles
  // (those of the fixture endpoint, declared like /example), less what an endpoint declares (a
  // schema library, the auth check). The endpoint's file, its domain modules and any package it
  // adds are its own, so a fork's endpoints and shared business code never count against it.
  it(`keeps every function's share of the chain within ${BUDGET_BYTES} bytes minified`, () => {
    const stock = new Set(
      bundleOf(PLAIN)
        .inputs.filter((input) => input.path.includes('node_modules/'))
        .map((input) => packageOf(input.path)),
    )
    const unattributed = (bundle: BundleInfo) =>
      bundle.bytes - bundle.inputs.reduce((sum, input) => sum + input.bytes, 0)
    const baseline = unattributed(bundleOf(PLAIN))
    for (const fn of functions) {
      const bundle = bundleOf(fn.name)
      const chain = bundle.inputs.filter(
        (input) =>
          !SCHEMA_LIBRARIES.test(input.path) &&
          !AUTH_CODE.test(input.path) &&
          !DATA_CODE.test(input.path) &&
          (CHAIN_CODE.test(input.path) || stock.has(packageOf(input.path))),
      )
      // esbuild's own wrapper and helpers, outside any input, are the chain's too, up to what a
      // bundle like /example has: its module wrappers grow with the modules an endpoint adds.
      const wrapper = Math.min(unattributed(bundle), baseline)
      const share = wrapper + chain.reduce((sum, input) => sum + input.bytes, 0)
      const top = chain
        .filter((input) => CHAIN_CODE.test(input.path))
        .slice(0, 4)
        .map((input) => `${input.path} ${input.bytes} B`)
        .join(', ')
      assert.ok(
        share <= BUDGET_BYTES,
        `${fn.name}: its share of the chain is ${share} B of ${bundle.bytes} B (gzip ${bundle.gzipBytes} B), over ${BUDGET_BYTES} B; largest chain modules: ${top}. Business code shared by endpoints belongs in src/<domain>/, not src/lib/ or src/middleware/; a middleware that grew past ${OWN_MIDDLEWARE_ALLOWANCE_BYTES} B should do less. If the chain itself grew, that is a decision: measure cold start (npm run bench) and raise CHAIN_BYTES in tests/infra/bundle-size.test.ts.`,
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

  // An endpoint pays in bytes, so in cold start, for every module it bundles: one declared like
  // /example gets the chain's modules only, without the auth check and the type-only modules.
  it('bundles only the chain, without the auth check and type-only modules, into an endpoint declared like /example', () => {
    const sources = Object.keys(bundleOf(PLAIN).metafile.inputs).filter((input) =>
      input.startsWith('src/'),
    )
    assert.ok(sources.length > 0, 'metafile lists the sources')
    for (const file of sources) {
      assert.match(file, CHAIN_CODE, `${file} is bundled into every endpoint`)
      assert.ok(
        !AUTH_CODE.test(file),
        `${file} (the auth check) is bundled into every endpoint: only #http/auth may import it`,
      )
      assert.ok(
        !DATA_CODE.test(file),
        `${file} (data access) is bundled into every endpoint: only #data and #data/idempotency may import it`,
      )
      assert.ok(
        !TYPE_ONLY.includes(file),
        `${file} is bundled into every endpoint: import only types from it (import type)`,
      )
    }
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

  // Powertools' InvocationScoped reads AWS_LAMBDA_MAX_CONCURRENCY from the environment on every
  // access unless its envUtils import is the stand-in (the plugin in esbuild.config.cjs, ~20 % of
  // a warm request): a Powertools release that moves that import leaves the plugin unused.
  it("points Powertools' InvocationScoped at the src/lib/invoke-store-mode.ts stand-in", () => {
    const importers = Object.entries(bundleOf(PLAIN).metafile.inputs)
      .filter(([, input]) => input.imports.some((i) => i.path === 'src/lib/invoke-store-mode.ts'))
      .map(([file]) => file)
    assert.deepEqual(importers, [
      'node_modules/@aws-lambda-powertools/commons/lib/esm/InvocationScoped.js',
    ])
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
