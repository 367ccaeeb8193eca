// The JSON parser's two paths (see src/lib/json-guard.ts): plain JSON.parse for bodies the text
// scan clears, the stock guarded parse for the rest. Same answers either way.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MAX_JSON_DEPTH } from '../../src/lib/json-guard.ts'
import { httpBodyParser } from '../../src/middleware/http-body-parser.ts'
import { buildEvent } from '../fixtures/events.ts'
import { middyRequest } from '../helpers/middy-request.ts'

const json = async (body: string, base64 = false) => {
  const request = middyRequest(buildEvent({ body, base64, contentType: 'application/json' }))
  await httpBodyParser().before?.(request)
  return request.event.body as unknown
}

const rejects400 = (error: unknown): boolean => {
  const fields = error as { statusCode?: unknown; cause?: unknown; message?: unknown }
  assert.equal(fields.statusCode, 400)
  assert.equal(fields.cause, undefined)
  return true
}

describe('httpBodyParser JSON guard', () => {
  const escaped = [
    '{"\\u005f_proto__":{"polluted":1}}',
    '{"\\u005F\\u005Fproto\\u005F\\u005F":{"polluted":1}}',
    '[{"a":{"__pr\\u006fto__":null}}]',
    '{"\\u0063onstructor":{"prototype":{"polluted":1}}}',
    '{"constructor":{"\\u0070rototype":{"polluted":1}}}',
    ' {\n\t"x" : [ { "\\u005f\\u005f\\u0070\\u0072\\u006f\\u0074\\u006f\\u005f\\u005f" : 1 } ] }',
  ]
  for (const text of escaped) {
    it(`rejects the escaped forbidden key in ${text.replace(/\s+/g, ' ')} with 400, plain or base64`, async () => {
      await assert.rejects(json(text), rejects400)
      await assert.rejects(json(text, true), rejects400)
      assert.equal(({} as Record<string, unknown>).polluted, undefined)
    })
  }

  it('parses bodies the scan clears to what the guarded parse gives', async () => {
    const text = '{"name":"Ren\\u00e9","html":"\\u003cb\\u003e","n":[1,2.5,null,true],"o":{}}'
    assert.deepEqual(await json(text), {
      name: 'René',
      html: '<b>',
      n: [1, 2.5, null, true],
      o: {},
    })
  })

  it('parses a flagged body with no forbidden key through the guarded parse', async () => {
    assert.deepEqual(await json('{"note":"a constructor","\\u0061":1}'), {
      note: 'a constructor',
      a: 1,
    })
  })

  it('answers malformed JSON on the fast path with 400 whose message quotes nothing', async () => {
    await assert.rejects(json('{"password":"hunter2"'), (error: unknown) => {
      rejects400(error)
      assert.doesNotMatch(String((error as Error).message), /hunter2/)
      return true
    })
  })

  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses one more, on either path`, async () => {
    const nest = (levels: number, inner = '1') =>
      `${'{"a":['.repeat(levels / 2)}${inner}${']}'.repeat(levels / 2)}`
    assert.ok(await json(nest(MAX_JSON_DEPTH)))
    await assert.rejects(json(`[${nest(MAX_JSON_DEPTH)}]`), rejects400)
    // The guarded parse alone would accept this depth.
    await assert.rejects(json(`[${nest(MAX_JSON_DEPTH, '"constructor"')}]`), rejects400)
  })
})
