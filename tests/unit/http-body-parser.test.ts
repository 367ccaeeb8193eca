import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import middy from '@middy/core'
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda'
import { ACCEPTED_MEDIA_TYPES } from '../../src/lib/media-type.ts'
import type { HttpInternal, HttpResult } from '../../src/lib/types.ts'
import { httpBodyParser } from '../../src/middleware/http-body-parser.ts'
import { context } from '../fixtures/context.ts'
import { buildEvent, type EventInput } from '../fixtures/events.ts'
import { middyRequest } from '../helpers/middy-request.ts'

const FORM = 'application/x-www-form-urlencoded'
const JSON_TYPE = 'application/json'

/** Runs the `before` hook; returns the parsed body and the event it was written to. */
const parse = async (input: EventInput) => {
  const request = middyRequest(buildEvent(input))
  await httpBodyParser().before?.(request)
  return { body: request.event.body as unknown, event: request.event }
}

const httpError =
  (status: number, check: (error: Record<string, unknown>) => void = () => {}) =>
  (error: unknown): boolean => {
    assert.ok(error instanceof Error)
    const fields = error as unknown as Record<string, unknown>
    assert.equal(fields.statusCode, status, error.message)
    check(fields)
    return true
  }

const noCause = (error: Record<string, unknown>) => {
  assert.equal(error.cause, undefined)
  assert.equal(error.expose, true)
}

const json = (body: string) => parse({ body, contentType: JSON_TYPE })

describe('httpBodyParser', () => {
  describe('empty bodies', () => {
    const empties: [string, EventInput][] = [
      ['no body field', {}],
      ['null', { body: null }],
      ["''", { body: '' }],
      ["base64 ''", { body: '', base64: true }],
      ["'' with an unsupported type", { body: '', contentType: 'application/xml' }],
      ['null with an unknown charset', { body: null, contentType: 'text/plain; charset=koi8-r' }],
      ["'' with a JSON type", { body: '', contentType: 'application/json' }],
    ]
    for (const [name, input] of empties) {
      it(`leaves the body undefined without error for ${name}`, async () => {
        assert.equal((await parse(input)).body, undefined)
      })
    }
  })

  describe('base64 and charsets', () => {
    it('rejects a base64 body that is not strict base64 with 400', async () => {
      for (const body of ['eyJhIjoxfQ', 'eyJh IjoxfQ==', 'eyJhIjoxfQ==\n', '{"a":1}']) {
        const event = buildEvent({ contentType: JSON_TYPE })
        event.body = body
        event.isBase64Encoded = true
        const request = middyRequest(event)
        await assert.rejects(
          async () => httpBodyParser().before?.(request),
          httpError(400, noCause),
        )
      }
    })

    it('rejects base64 bytes that are not valid UTF-8 with 400', async () => {
      for (const contentType of [JSON_TYPE, 'text/plain', `${FORM}; charset=utf-8`]) {
        const input = { body: Buffer.from([0x22, 0xe9, 0x22]), base64: true, contentType }
        await assert.rejects(parse(input), httpError(400, noCause), contentType)
      }
    })

    it('decodes base64 UTF-8 text and clears isBase64Encoded', async () => {
      const { body, event } = await parse({
        body: 'Grüße €',
        base64: true,
        contentType: 'text/plain',
      })
      assert.equal(body, 'Grüße €')
      assert.equal(event.isBase64Encoded, false)
    })

    it('decodes base64 ISO-8859-1 text/plain into a string', async () => {
      const bytes = Buffer.from([0x63, 0x61, 0x66, 0xe9])
      const contentType = 'text/plain; charset=ISO-8859-1'
      assert.equal((await parse({ body: bytes, base64: true, contentType })).body, 'café')
    })

    it('leaves plain text/* bodies as strings', async () => {
      assert.equal((await parse({ body: 'a,b\n1,2', contentType: 'text/csv' })).body, 'a,b\n1,2')
      const { body, event } = await parse({ body: 'x=1', contentType: 'text/plain; charset=utf-8' })
      assert.equal(body, 'x=1')
      assert.equal(event.isBase64Encoded, false)
    })
  })

  describe('JSON', () => {
    it('parses application/json, plain or base64', async () => {
      const text = '{"Message":"Test123","n":[1,{"b":null}]}'
      const expected = { Message: 'Test123', n: [1, { b: null }] }
      assert.deepEqual((await json(text)).body, expected)
      const b64 = await parse({ body: text, base64: true, contentType: JSON_TYPE })
      assert.deepEqual(b64.body, expected)
      assert.equal(b64.event.isBase64Encoded, false)
    })

    it('parses application/*+json types', async () => {
      const contentType = 'application/vnd.api+json; charset=utf-8'
      assert.deepEqual((await parse({ body: '{"data":[]}', contentType })).body, { data: [] })
    })

    it('answers malformed JSON with 400 whose error carries no cause and no body', async () => {
      await assert.rejects(
        json('{"password":"hunter2",'),
        httpError(400, (error) => {
          noCause(error)
          assert.doesNotMatch(JSON.stringify(error), /hunter2/)
          assert.doesNotMatch(String(error.message), /hunter2/)
        }),
      )
    })

    it('answers nesting too deep for the parser with 400, not a crash', async () => {
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
      await assert.rejects(json(deep), httpError(400, noCause))
      const deepObject = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`
      await assert.rejects(json(deepObject), httpError(400, noCause))
    })

    const forbidden = [
      '{"__proto__":{"polluted":1}}',
      '{"a":{"b":[{"__proto__":{}}]}}',
      '[1,[2,{"__proto__":null}]]',
      '{"constructor":{"prototype":{"polluted":1}}}',
      '{"x":[{"y":{"constructor":{"prototype":{}}}}]}',
    ]
    for (const text of forbidden) {
      it(`rejects ${text} with 400`, async () => {
        await assert.rejects(json(text), httpError(400, noCause))
        assert.equal(({} as Record<string, unknown>).polluted, undefined)
      })
    }

    it('allows a constructor key that holds no prototype', async () => {
      const { body } = await json('{"constructor":{"name":"x"}}')
      assert.deepEqual(body, { constructor: { name: 'x' } })
    })
  })

  describe('forms', () => {
    const form = async (body: string, contentType = FORM) =>
      (await parse({ body, base64: true, contentType })).body as Record<string, unknown>

    it("parses /example's form into a flat object", async () => {
      assert.deepEqual(
        { ...(await form('param1=value1&param2=value2')) },
        { param1: 'value1', param2: 'value2' },
      )
    })

    it('turns repeated keys into arrays in order', async () => {
      assert.deepEqual({ ...(await form('a=1&b=2&a=3&a=0')) }, { a: ['1', '3', '0'], b: '2' })
    })

    it('decodes + as a space and percent-escapes as UTF-8', async () => {
      const body = await form('s=a+b%20c&e=%C3%A9%E2%82%AC&k%2B=%2B')
      assert.deepEqual({ ...body }, { s: 'a b c', e: 'é€', 'k+': '+' })
    })

    it('keeps bracketed keys literal instead of nesting them', async () => {
      const body = await form('a[b]=1&arr[]=1&arr[]=2')
      assert.deepEqual({ ...body }, { 'a[b]': '1', 'arr[]': ['1', '2'] })
    })

    it('never lets a key change a prototype', async () => {
      const body = await form('__proto__=x&__proto__[x]=1&constructor[prototype][x]=1&x=own')
      assert.equal(Object.getPrototypeOf(body), null)
      assert.equal(Object.hasOwn(body, '__proto__'), true)
      assert.equal(body.x, 'own')
      assert.equal(({} as Record<string, unknown>).x, undefined)
      assert.equal(Object.getPrototypeOf({}), Object.prototype)
    })

    it('decodes %E9 as é when the charset is ISO-8859-1', async () => {
      const body = await form('name=Ren%E9+D&city=K%F6ln', `${FORM}; charset=iso-8859-1`)
      assert.deepEqual({ ...body }, { name: 'René D', city: 'Köln' })
      assert.equal(Object.getPrototypeOf(body), null)
    })

    it('decodes raw ISO-8859-1 bytes of a base64 form', async () => {
      const bytes = Buffer.from([0x61, 0x3d, 0xe9])
      const input = { body: bytes, base64: true, contentType: `${FORM}; charset=latin1` }
      assert.deepEqual({ ...((await parse(input)).body as object) }, { a: 'é' })
    })

    it('leaves %uXXXX literal in an ISO-8859-1 form (it is not a percent-escape)', async () => {
      const body = await form('a=%u20AC', `${FORM}; charset=iso-8859-1`)
      assert.equal(body.a, '%u20AC')
    })

    it('parses a plain (non-base64) form as serverless-offline sends it', async () => {
      const { body } = await parse({ body: 'a=1&b=2', contentType: FORM })
      assert.deepEqual({ ...(body as object) }, { a: '1', b: '2' })
    })
  })

  describe('unsupported content', () => {
    const unsupported: [string, EventInput][] = [
      ['no content-type', { body: 'abc' }],
      ['no content-type, base64', { body: 'abc', base64: true }],
      ['application/xml', { body: '<a/>', contentType: 'application/xml' }],
      ['multipart/form-data', { body: '--x--', contentType: 'multipart/form-data; boundary=x' }],
      ['an unknown charset', { body: 'abc', contentType: 'text/plain; charset=klingon' }],
      ['garbage', { body: '{}', contentType: 'json' }],
    ]
    for (const [name, input] of unsupported) {
      it(`answers ${name} with 415 and an accept-post header`, async () => {
        await assert.rejects(
          parse(input),
          httpError(415, (error) => {
            assert.deepEqual(error.headers, { 'accept-post': ACCEPTED_MEDIA_TYPES })
            assert.equal(error.expose, true)
          }),
        )
      })
    }

    it('refuses a kind the endpoint does not accept, naming only what it accepts', async () => {
      const jsonOnly = httpBodyParser({ accepts: ['json'] })
      const request = middyRequest(buildEvent({ body: 'a=1', base64: true, contentType: FORM }))
      await assert.rejects(
        async () => jsonOnly.before?.(request),
        httpError(415, (error) => {
          assert.deepEqual(error.headers, {
            'accept-post': 'application/json, application/*+json',
          })
          assert.equal(
            error.message,
            "Content-Type 'application/x-www-form-urlencoded' is not supported; supported: application/json, application/*+json",
          )
        }),
      )
      const json = middyRequest(buildEvent({ body: '{"a":1}', contentType: JSON_TYPE }))
      await jsonOnly.before?.(json)
      assert.deepEqual(json.event.body, { a: 1 })
    })

    it('refuses an empty or unknown list of accepted kinds when built', () => {
      assert.throws(() => httpBodyParser({ accepts: [] }), TypeError)
      // @ts-expect-error: 'xml' is not a body kind
      assert.throws(() => httpBodyParser({ accepts: ['xml'] }), TypeError)
    })
  })

  it('reads the content type whatever the header name casing', async () => {
    for (const name of ['Content-Type', 'CONTENT-TYPE']) {
      const { body } = await parse({ body: '{"a":1}', headers: { [name]: JSON_TYPE } })
      assert.deepEqual(body, { a: 1 }, name)
      const form = await parse({ body: 'a=1', base64: true, headers: { [name]: FORM } })
      assert.deepEqual({ ...(form.body as object) }, { a: '1' }, name)
    }
  })

  it('hands the parsed body to the handler through a middy chain', async () => {
    const seen: unknown[] = []
    const handler = middy<APIGatewayProxyEventV2, HttpResult, unknown, Context, HttpInternal>()
      .use(httpBodyParser())
      .handler(async (event) => {
        seen.push(event.body)
        return { statusCode: 200 }
      })
    await handler(buildEvent({ body: '{"a":[1]}', base64: true, contentType: JSON_TYPE }), context)
    await handler(buildEvent({}), context)
    assert.deepEqual(seen, [{ a: [1] }, undefined])
  })
})
