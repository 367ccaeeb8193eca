// /example's own promise: its whole bundle, handler file included, stays within 46,000 B. The
// chain-wide budget (tests/infra/bundle-size.test.ts) leaves each endpoint's own file aside so a
// fork's endpoints fit it; this holds the endpoint every fork starts from to the literal figure.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import { buildHandler } from '../helpers/bundle.ts'

const WHOLE_BUDGET_BYTES = 46_000

describe('/example bundle', () => {
  it(`is at most ${WHOLE_BUDGET_BYTES} bytes minified, whole`, async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), 'example-bundle-'))
    try {
      const bundle = await buildHandler('src/handlers/example.ts', outDir)
      assert.ok(
        bundle.bytes <= WHOLE_BUDGET_BYTES,
        `/example: ${bundle.bytes} B, over ${WHOLE_BUDGET_BYTES} B: the chain grew (src/http, src/lib, src/middleware or a stock package). Make it smaller, or decide it is worth the cold start: measure it (npm run bench), then raise WHOLE_BUDGET_BYTES here and CHAIN_BYTES in tests/infra/bundle-size.test.ts`,
      )
    } finally {
      await rm(outDir, { recursive: true, force: true })
    }
  })
})
