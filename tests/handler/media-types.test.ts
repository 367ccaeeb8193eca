import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { problemOf, recordingHandler } from '../helpers/invoke.ts'

const { parse } = recordingHandler()
const latin1 = (text: string) => Buffer.from(text, 'latin1')

describe('JSON media types', () => {
  for (const contentType of [
    'application/json',
    'Application/JSON',
    'application/json; charset=utf-8',
    'application/json ; Charset="UTF-8"',
    'application/json;\tcharset=utf-8',
    'application/vnd.api+json',
    'application/problem+json',
  ]) {
    it(`parses ${JSON.stringify(contentType)} as JSON`, async () => {
      const { response, body } = await parse({ body: '{"Message":"Test123"}', contentType })
      assert.equal(response.statusCode, 200)
      assert.deepEqual(body, { Message: 'Test123' })
    })
  }

  it('reads a header sent with unusual casing in a hand-written event', async () => {
    const { body } = await parse({ body: '[1]', headers: { 'Content-Type': 'application/json' } })
    assert.deepEqual(body, [1])
  })

  for (const [name, text] of [
    ['truncated', '{"a":'],
    ['trailing garbage', '{"a":1}x'],
    ['single quotes', "{'a':1}"],
    ['a bare word', 'undefined'],
  ]) {
    it(`rejects malformed JSON (${name}) with 400`, async () => {
      const { response, called } = await parse({ body: text, contentType: 'application/json' })
      assert.equal(response.statusCode, 400)
      assert.equal(problemOf(response).status, 400)
      assert.equal(called, false)
    })
  }

  it('rejects bytes that are not UTF-8 with 400', async () => {
    const body = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])
    const { response } = await parse({ body, base64: true, contentType: 'application/json' })
    assert.equal(response.statusCode, 400)
    assert.equal(problemOf(response).detail, 'Body is not valid UTF-8')
  })

  it('rejects nesting too deep for the parser with 400, not 500', async () => {
    const depth = 200_000
    const body = `${'['.repeat(depth)}${']'.repeat(depth)}`
    const { response } = await parse({ body, contentType: 'application/json' })
    assert.equal(response.statusCode, 400)
  })

  for (const text of [
    '{"__proto__":{"polluted":1}}',
    '{"a":[{"b":{"__proto__":{"polluted":1}}}]}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    '{"x":{"constructor":{"prototype":{"polluted":1}}}}',
  ]) {
    it(`rejects the forbidden key in ${text} with 400`, async () => {
      const { response } = await parse({ body: text, contentType: 'application/json' })
      assert.equal(response.statusCode, 400)
      assert.equal(({} as Record<string, unknown>).polluted, undefined)
    })
  }

  it('accepts "constructor" when it holds no prototype', async () => {
    const { body } = await parse({ body: '{"constructor":"x"}', contentType: 'application/json' })
    assert.deepEqual(body, { constructor: 'x' })
  })
})

describe('the form media type', () => {
  const form = 'application/x-www-form-urlencoded'

  it('parses a flat object with repeated keys as ordered arrays, + as space, UTF-8 escapes', async () => {
    const { body } = await parse({
      body: 'a=3&b=x+y&a=1&a=2&c=%C3%A9%E2%82%AC&flag',
      base64: true,
      contentType: form,
    })
    assert.deepEqual({ ...(body as object) }, { a: ['3', '1', '2'], b: 'x y', c: 'é€', flag: '' })
  })

  it('keeps a[b]=1 as the literal key "a[b]"', async () => {
    const { body } = await parse({ body: 'a[b]=1&arr[]=1&arr[]=2', contentType: form })
    assert.deepEqual({ ...(body as object) }, { 'a[b]': '1', 'arr[]': ['1', '2'] })
  })

  it('never lets a key change a prototype', async () => {
    const { body } = await parse({
      body: '__proto__=x&__proto__[polluted]=1&constructor[prototype][polluted]=1&toString=1',
      base64: true,
      contentType: form,
    })
    assert.equal(Object.getPrototypeOf(body), null)
    assert.equal(({} as Record<string, unknown>).polluted, undefined)
    assert.equal(typeof ({} as { toString: unknown }).toString, 'function')
    assert.deepEqual(Object.keys(body as object).sort(), [
      '__proto__',
      '__proto__[polluted]',
      'constructor[prototype][polluted]',
      'toString',
    ])
  })

  it('accepts whitespace and case in the media type and charset', async () => {
    const { body } = await parse({
      body: 'param1=value1',
      contentType: 'Application/X-WWW-Form-Urlencoded ; charset=UTF-8',
    })
    assert.deepEqual({ ...(body as object) }, { param1: 'value1' })
  })

  it('takes 1000 pairs whole and refuses 1001 with 413 instead of silently dropping pairs', async () => {
    const pairs = (count: number) => Array.from({ length: count }, (_, i) => `k${i}=${i}`).join('&')
    const { body } = await parse({ body: pairs(1000), base64: true, contentType: form })
    assert.equal(Object.keys(body as object).length, 1000)
    for (const charset of ['utf-8', 'iso-8859-1']) {
      const contentType = `${form}; charset=${charset}`
      const { response, called } = await parse({ body: pairs(1001), base64: true, contentType })
      assert.equal(response.statusCode, 413)
      assert.equal(problemOf(response).detail, 'Form has more than 1000 fields')
      assert.equal(called, false)
    }
  })

  it('decodes percent-escapes in the given charset (ISO-8859-1)', async () => {
    const { body } = await parse({
      body: 'name=Ren%E9+%E0+Z%FCrich',
      base64: true,
      contentType: `${form}; charset=ISO-8859-1`,
    })
    assert.deepEqual({ ...(body as object) }, { name: 'René à Zürich' })
  })
})

describe('text media types', () => {
  it('decodes text/plain as UTF-8 by default', async () => {
    const { body } = await parse({ body: 'héllo €', base64: true, contentType: 'text/plain' })
    assert.equal(body, 'héllo €')
  })

  it('decodes other text/* types with the charset parameter', async () => {
    for (const charset of ['ISO-8859-1', 'latin1']) {
      const { body } = await parse({
        body: latin1('café, naïve'),
        base64: true,
        contentType: `text/csv; charset=${charset}`,
      })
      assert.equal(body, 'café, naïve')
    }
  })

  it('passes plain (not base64) text through unchanged', async () => {
    const { body } = await parse({ body: 'plain ünïcode', contentType: 'text/markdown' })
    assert.equal(body, 'plain ünïcode')
  })
})

describe('unsupported media types', () => {
  for (const contentType of [
    undefined,
    'application/xml',
    'application/octet-stream',
    'multipart/form-data; boundary=x',
    'text/plain; charset=klingon',
    'application/x-www-form-urlencoded; charset=utf-16',
    'json',
    'application/json, text/plain',
    '',
  ]) {
    it(`answers ${JSON.stringify(contentType ?? 'no content type')} with 415 and Accept-Post`, async () => {
      const { response, called } = await parse({ body: 'a=1', base64: true, contentType })
      assert.equal(response.statusCode, 415)
      assert.equal(problemOf(response).status, 415)
      assert.equal(
        response.headers?.['accept-post'],
        'application/json, application/*+json, application/x-www-form-urlencoded, text/plain, text/*',
      )
      assert.equal(called, false)
    })
  }
})
