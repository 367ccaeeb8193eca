import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { problemOf, recordingHandler } from '../helpers/invoke.ts'

const { parse } = recordingHandler()
const latin1 = (text: string) => Buffer.from(text, 'latin1')

describe('charsets by their WHATWG Encoding labels', () => {
  const FORM = 'application/x-www-form-urlencoded'
  const text = async (bytes: number[], charset: string) =>
    parse({ body: Buffer.from(bytes), base64: true, contentType: `text/plain; charset=${charset}` })

  const decoded: [string, number[], string][] = [
    ['windows-1252', [0x80, 0x20, 0x93, 0x78, 0x94], '€ “x”'],
    ['cp1252', [0x63, 0x61, 0x66, 0xe9], 'café'],
    ['iso-8859-15', [0xa4, 0xbd], '€œ'],
    ['shift_jis', [0x82, 0xb1, 0x82, 0xf1, 0x82, 0xc9, 0x82, 0xbf, 0x82, 0xcd], 'こんにちは'],
    ['euc-kr', [0xc7, 0xd1, 0xb1, 0xdb], '한글'],
    ['gbk', [0xd6, 0xd0, 0xce, 0xc4], '中文'],
    ['koi8-r', [0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4], 'Привет'],
    ['utf-16le', [0xff, 0xfe, 0x68, 0x00, 0x69, 0x00], 'hi'],
  ]
  for (const [charset, bytes, expected] of decoded) {
    it(`decodes a base64 text/plain body in ${charset}`, async () => {
      const { response, body } = await text(bytes, charset)
      assert.equal(response.statusCode, 200, response.body)
      assert.equal(body, expected)
    })
  }

  it('reads iso-8859-1, latin1 and us-ascii as windows-1252, as browsers do', async () => {
    for (const charset of ['iso-8859-1', 'ISO_8859-1', 'latin1', 'l1', 'us-ascii']) {
      const { body } = await text([0x80, 0x9f, 0xe9], charset)
      assert.equal(body, '€Ÿé', charset)
    }
  })

  it('decodes percent-escapes of a form as bytes in its charset', async () => {
    const cases: [string, string, Record<string, string>][] = [
      ['shift_jis', 'name=%83A%83C&city=%93%8C%8B%9E', { name: 'アイ', city: '東京' }],
      ['windows-1252', 'q=%80+%93x%94&r=Ren%E9', { q: '€ “x”', r: 'René' }],
      ['iso-8859-15', 'c=%A4', { c: '€' }],
    ]
    for (const [charset, form, expected] of cases) {
      for (const base64 of [false, true]) {
        const contentType = `${FORM}; charset=${charset}`
        const { response, body } = await parse({ body: form, base64, contentType })
        assert.equal(response.statusCode, 200, response.body)
        assert.deepEqual({ ...(body as object) }, expected, `${charset} base64=${base64}`)
      }
    }
  })

  it('decodes raw (unescaped) bytes of a form in its charset', async () => {
    const body = Buffer.from([
      0x61, 0x3d, 0x82, 0xa0, 0x26, 0x62, 0x3d, 0x25, 0x38, 0x32, 0x25, 0x41, 0x30,
    ])
    const out = await parse({ body, base64: true, contentType: `${FORM}; charset=sjis` })
    assert.deepEqual({ ...(out.body as object) }, { a: 'あ', b: 'あ' })
  })

  for (const [contentType, label] of [
    ['text/plain; charset=klingon', 'klingon'],
    ['text/csv; charset="ISO-2022-KR"', 'ISO-2022-KR'],
    [`${FORM}; charset=utf-16`, 'utf-16'],
  ]) {
    it(`answers ${contentType} with 415 naming the charset`, async () => {
      const { response, called } = await parse({ body: 'a=1', base64: true, contentType })
      assert.equal(response.statusCode, 415)
      assert.equal(problemOf(response).detail, `charset '${label}' is not supported`)
      assert.match(String(response.headers?.['accept-post']), /text\/\*/)
      assert.equal(called, false)
    })
  }

  it('answers bytes that are invalid in the declared charset with 400', async () => {
    const { response } = await text([0x82, 0x20], 'shift_jis')
    assert.equal(response.statusCode, 400)
    assert.equal(problemOf(response).detail, 'Body is not valid shift_jis')
  })

  it('ignores any charset on JSON (RFC 8259: JSON is UTF-8) and checks the bytes as UTF-8', async () => {
    for (const charset of ['windows-1252', 'iso-8859-1', 'klingon', 'utf-16']) {
      const contentType = `application/json; charset=${charset}`
      const ok = await parse({ body: '{"a":"é€"}', base64: true, contentType })
      assert.equal(ok.response.statusCode, 200, ok.response.body)
      assert.deepEqual(ok.body, { a: 'é€' })
      const latin = await parse({ body: latin1('{"a":"é"}'), base64: true, contentType })
      assert.equal(latin.response.statusCode, 400)
      assert.equal(problemOf(latin.response).detail, 'Body is not valid UTF-8')
    }
  })
})

describe('byte order marks', () => {
  const BOM = '\ufeff'

  for (const base64 of [false, true]) {
    it(`ignores a UTF-8 BOM at the start of a JSON body (${base64 ? 'base64' : 'plain'})`, async () => {
      const { response, body } = await parse({
        body: `${BOM}{"a":[1]}`,
        base64,
        contentType: 'application/json',
      })
      assert.equal(response.statusCode, 200, response.body)
      assert.deepEqual(body, { a: [1] })
    })

    it(`ignores a UTF-8 BOM at the start of a text and a form body (${base64 ? 'base64' : 'plain'})`, async () => {
      const textOut = await parse({ body: `${BOM}héllo`, base64, contentType: 'text/plain' })
      assert.equal(textOut.body, 'héllo')
      const form = await parse({
        body: `${BOM}a=1`,
        base64,
        contentType: 'application/x-www-form-urlencoded',
      })
      assert.deepEqual({ ...(form.body as object) }, { a: '1' })
    })
  }

  it('keeps a U+FEFF that is not at the start, and parses a body of only a BOM as no body', async () => {
    const { body } = await parse({ body: `a${BOM}`, base64: true, contentType: 'text/plain' })
    assert.equal(body, `a${BOM}`)
    const json = await parse({ body: `["${BOM}"]`, contentType: 'application/json' })
    assert.deepEqual(json.body, [BOM])
    const only = await parse({ body: BOM, base64: true, contentType: 'application/json' })
    assert.equal(only.response.statusCode, 200, only.response.body)
    assert.equal(only.body, undefined)
  })
})
