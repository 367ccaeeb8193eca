// `node bench/response-schema.ts`: what checking a response against its declared schema costs per
// response. The same endpoint (the README's Accepted schema, a body with two undeclared keys) is
// built with the check on and off (RESPONSE_VALIDATION=false), and both are invoked warm,
// alternately, in rounds; the figure is the median difference per response, and the ratio.

import * as v from 'valibot'
import { createHttpHandler } from '../src/http/index.ts'
import { createLogger } from '../src/lib/logger.ts'
import { createContext } from '../tests/fixtures/context.ts'
import { buildEvent } from '../tests/fixtures/events.ts'

const Accepted = v.object({
  id: v.string(),
  lines: v.number(),
  units: v.number(),
  express: v.boolean(),
})
const body = {
  id: 'o-1',
  lines: 2,
  units: 5,
  express: false,
  ownerEmail: 'a@b.c',
  passwordHash: 'x',
}

const make = (validation: boolean) => {
  process.env.RESPONSE_VALIDATION = String(validation)
  const handler = createHttpHandler({
    auth: 'public',
    logger: createLogger({ logLevel: 'SILENT' }),
    response: { status: 201, body: Accepted },
    handler: () => body as v.InferOutput<typeof Accepted>,
  })
  delete process.env.RESPONSE_VALIDATION
  return handler
}

const PER_ROUND = 2_000
const ROUNDS = 15
const event = buildEvent()
const context = createContext()
const perResponse = async (handler: ReturnType<typeof make>): Promise<number> => {
  const start = process.hrtime.bigint()
  for (let i = 0; i < PER_ROUND; i++) await handler(event, context)
  return Number(process.hrtime.bigint() - start) / PER_ROUND / 1000
}

const on = make(true)
const off = make(false)
for (let i = 0; i < 3; i++) await Promise.all([perResponse(on), perResponse(off)])
const diffs: number[] = []
const ratios: number[] = []
for (let round = 0; round < ROUNDS; round++) {
  const a = await perResponse(off)
  const b = await perResponse(on)
  diffs.push(b - a)
  ratios.push(b / a)
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0
console.log(
  `response schema check: +${median(diffs).toFixed(2)} µs per response (median of ${ROUNDS} rounds of ${PER_ROUND}), ${median(ratios).toFixed(3)}× a warm response without it`,
)
