import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  BodyDecodeError,
  bodyByteLength,
  decodeBodyText,
  isStrictBase64,
} from '../../src/lib/body.ts'

/** Deterministic bytes 0..255 repeating, so every length covers different trailing bits. */
const bytesOf = (length: number): Buffer =>
  Buffer.from(Array.from({ length }, (_, i) => (i * 37 + 11) % 256))

describe('isStrictBase64', () => {
  it('accepts padded standard base64 of every length', () => {
    for (let length = 0; length <= 64; length++) {
      const text = bytesOf(length).toString('base64')
      assert.equal(isStrictBase64(text), true, text)
    }
  })

  it('accepts the empty string', () => {
    assert.equal(isStrictBase64(''), true)
  })

  it('rejects unpadded base64', () => {
    assert.equal(isStrictBase64('YQ'), false) // 'a'
    assert.equal(isStrictBase64('YWI'), false) // 'ab'
    assert.equal(isStrictBase64(Buffer.from('hello').toString('base64url')), false)
  })

  it('rejects characters outside the standard alphabet', () => {
    for (const text of ['YW-j', 'YW_j', 'YW*j', 'YWJj!A==', 'éé==', 'YW%3D']) {
      assert.equal(isStrictBase64(text), false, text)
    }
  })

  it('rejects whitespace anywhere, including line breaks', () => {
    for (const text of [' YWJj', 'YWJj ', 'YW Jj', 'YWJj\n', 'YW\r\nJj', '\tYWJj']) {
      assert.equal(isStrictBase64(text), false, JSON.stringify(text))
    }
  })

  it('rejects padding anywhere but the end, and too much of it', () => {
    for (const text of ['YQ==YQ==', 'Y=Jj', '=YWJ', 'Y===', '====', 'YWJjZA=A']) {
      assert.equal(isStrictBase64(text), false, text)
    }
  })
})

describe('bodyByteLength', () => {
  it('is 0 for no body', () => {
    assert.equal(bodyByteLength(undefined), 0)
    assert.equal(bodyByteLength(null), 0)
    assert.equal(bodyByteLength(''), 0)
    assert.equal(bodyByteLength('', true), 0)
  })

  it('counts UTF-8 bytes, not characters, for plain bodies', () => {
    assert.equal(bodyByteLength('abc'), 3)
    assert.equal(bodyByteLength('é'), 2)
    assert.equal(bodyByteLength('€'), 3)
    assert.equal(bodyByteLength('😀'), 4)
    assert.equal(bodyByteLength('aé€😀', false), 10)
  })

  it('gives the decoded size of base64 bodies with 0, 1 or 2 padding characters', () => {
    for (let length = 0; length <= 64; length++) {
      const text = bytesOf(length).toString('base64')
      assert.equal(bodyByteLength(text, true), length, text)
      assert.equal(bodyByteLength(text, true), Buffer.from(text, 'base64').length, text)
    }
  })

  it('does not treat a plain body that looks like base64 as encoded', () => {
    assert.equal(bodyByteLength('YQ==', false), 4)
    assert.equal(bodyByteLength('YQ==', true), 1)
  })
})

describe('decodeBodyText', () => {
  it('returns a plain body unchanged, whatever the charset', () => {
    assert.equal(decodeBodyText('{"a":"é"}', false, 'utf-8'), '{"a":"é"}')
    assert.equal(decodeBodyText('%%% not base64', false, 'windows-1252'), '%%% not base64')
  })

  it('decodes base64 as UTF-8', () => {
    const text = '{"message":"Grüße €😀"}'
    assert.equal(decodeBodyText(Buffer.from(text).toString('base64'), true, 'utf-8'), text)
  })

  it('decodes an empty base64 body to an empty string', () => {
    assert.equal(decodeBodyText('', true, 'utf-8'), '')
  })

  it('decodes base64 windows-1252 bytes (what ISO-8859-1 means on the web)', () => {
    assert.equal(decodeBodyText(Buffer.from([0xe9]).toString('base64'), true, 'windows-1252'), 'é')
    const bytes = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0x80, 0x9f])
    assert.equal(decodeBodyText(bytes.toString('base64'), true, 'windows-1252'), 'café ÿ€Ÿ')
  })

  it('decodes bytes given as a Buffer (content-decoded) in their charset', () => {
    assert.equal(decodeBodyText(Buffer.from('Grüße'), false, 'utf-8'), 'Grüße')
    assert.equal(decodeBodyText(Buffer.from([0x82, 0xa0, 0x83, 0x41]), false, 'shift_jis'), 'あア')
  })

  it('throws BodyDecodeError naming the charset for bytes invalid in it', () => {
    const cases: [number[], string][] = [
      [[0x82], 'shift_jis'],
      [[0xa5], 'iso-8859-3'],
      [[0x61], 'utf-16le'],
    ]
    for (const [bytes, charset] of cases) {
      assert.throws(
        () => decodeBodyText(Buffer.from(bytes).toString('base64'), true, charset),
        { name: 'BodyDecodeError', message: `Body is not valid ${charset}` },
        charset,
      )
    }
  })

  it('drops one byte order mark at the start (RFC 8259 §8.1), plain, base64 or bytes', () => {
    const bom = '\ufeff'
    assert.equal(decodeBodyText(`${bom}{"a":1}`, false, 'utf-8'), '{"a":1}')
    assert.equal(decodeBodyText(`${bom}${bom}x`, false, 'utf-8'), `${bom}x`)
    const utf8 = Buffer.from(`${bom}{"a":1}`)
    assert.deepEqual([...utf8.subarray(0, 3)], [0xef, 0xbb, 0xbf])
    assert.equal(decodeBodyText(utf8.toString('base64'), true, 'utf-8'), '{"a":1}')
    assert.equal(decodeBodyText(utf8, false, 'utf-8'), '{"a":1}')
    const utf16 = Buffer.from(`${bom}hi`, 'utf16le')
    assert.equal(decodeBodyText(utf16.toString('base64'), true, 'utf-16le'), 'hi')
    assert.equal(decodeBodyText(`a${bom}`, false, 'utf-8'), `a${bom}`)
  })

  it('keeps EF BB BF in a charset where they are characters (windows-1252: ï»¿)', () => {
    const bytes = Buffer.from([0xef, 0xbb, 0xbf, 0x78])
    assert.equal(decodeBodyText(bytes.toString('base64'), true, 'windows-1252'), 'ï»¿x')
  })

  it('throws BodyDecodeError for base64 that is not strict', () => {
    for (const text of ['YQ', 'YW Jj', 'YWJj\n', 'Y=Jj', '!!!!', 'not base64 at all']) {
      assert.throws(
        () => decodeBodyText(text, true, 'utf-8'),
        (error: unknown) => error instanceof BodyDecodeError && /base64/.test(error.message),
        text,
      )
    }
  })

  it('throws BodyDecodeError for bytes that are not valid UTF-8 instead of using U+FFFD', () => {
    for (const bytes of [[0xe9], [0x61, 0xff, 0x62], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf]]) {
      const text = Buffer.from(bytes).toString('base64')
      assert.throws(
        () => decodeBodyText(text, true, 'utf-8'),
        (error: unknown) =>
          error instanceof BodyDecodeError &&
          error instanceof Error &&
          error.name === 'BodyDecodeError' &&
          /UTF-8/.test(error.message),
        text,
      )
    }
  })

  it('accepts any byte in windows-1252, where every byte is a character', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
    const decoded = decodeBodyText(all.toString('base64'), true, 'windows-1252')
    assert.equal(decoded.length, 256)
    assert.equal(decoded.charCodeAt(0xe9), 0xe9)
    assert.equal(decoded[0x80], '€')
  })
})
