// A success status the endpoint does not declare is a defect even inside 2xx: `respond(202, …)` on
// an endpoint that declares only 200 answers 500 with one ERROR line, never the 202 (tsc refuses it
// too; a cast or plain JavaScript gets here).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createHttpHandler } from '../../src/http/index.ts'
import { respond } from '../../src/http/reply.ts'
import { createLogger } from '../../src/lib/logger.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent } from '../fixtures/events.ts'
import { problemOf } from '../helpers/invoke.ts'
import { captureOutput } from '../helpers/output.ts'

const answering = async (
  status: number,
  declared: { readonly status?: number; readonly more?: readonly number[] },
) => {
  const handler = createHttpHandler({
    auth: 'public',
    logger: createLogger({ logLevel: 'INFO', serviceName: 'test' }),
    response: { status: declared.status ?? 200 },
    responses: Object.fromEntries((declared.more ?? []).map((code) => [code, null])),
    handler: () => respond(status, { queued: true }, { location: '/q/1' }),
  })
  const event = buildEvent({ requestId: 'rid-undeclared' })
  const { result, lines } = await captureOutput(() => handler(event, createContext()))
  return { result, lines: lines.filter((line) => line.message !== 'request completed'), all: lines }
}

describe('respond() with a 2xx the endpoint does not declare', () => {
  for (const [status, declared] of [
    [202, {}],
    [201, { more: [204] }],
    [204, {}],
    [200, { status: 201 }],
    [299, { more: [200, 201, 202, 204] }],
  ] as const) {
    it(`answers ${status} on an endpoint declaring ${JSON.stringify(declared)} 500, with one ERROR line`, async () => {
      const { result, lines, all } = await answering(status, declared)
      assert.equal(result.statusCode, 500)
      assert.equal(problemOf(result).detail, 'Internal Server Error')
      assert.equal(result.headers?.location, undefined)
      assert.equal(lines.length, 1)
      assert.equal(lines[0]?.level, 'ERROR')
      assert.equal(
        (lines[0]?.error as { message?: unknown } | undefined)?.message,
        `respond(${status}): undeclared status`,
      )
      assert.equal((all.at(-1)?.http as { status?: unknown } | undefined)?.status, 500)
    })
  }

  it('answers the same statuses once declared', async () => {
    assert.equal((await answering(202, { more: [202] })).result.statusCode, 202)
    assert.equal((await answering(201, { status: 201 })).result.statusCode, 201)
    assert.equal((await answering(204, { more: [204] })).result.statusCode, 204)
  })
})
