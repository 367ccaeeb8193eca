import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  ACCEPTED_MEDIA_TYPES,
  charsetName,
  parseMediaType,
  unsupportedReason,
} from '../../src/lib/media-type.ts'

describe('parseMediaType', () => {
  it('recognises application/json as JSON in UTF-8', () => {
    assert.deepEqual(parseMediaType('application/json'), {
      type: 'application/json',
      kind: 'json',
      charset: 'utf-8',
    })
  })

  for (const type of [
    'application/vnd.api+json',
    'application/problem+json',
    'application/ld+json',
    'application/merge-patch+json',
  ]) {
    it(`treats the structured-syntax suffix type ${type} as JSON`, () => {
      assert.deepEqual(parseMediaType(type), { type, kind: 'json', charset: 'utf-8' })
    })
  }

  it('recognises application/x-www-form-urlencoded as a form', () => {
    assert.equal(parseMediaType('application/x-www-form-urlencoded')?.kind, 'form')
  })

  for (const type of ['text/plain', 'text/csv', 'text/html', 'text/markdown']) {
    it(`treats ${type} as text (every text/* subtype is accepted)`, () => {
      assert.deepEqual(parseMediaType(type), { type, kind: 'text', charset: 'utf-8' })
    })
  }

  it('lower-cases the type and ignores its case', () => {
    assert.deepEqual(parseMediaType('Application/JSON'), {
      type: 'application/json',
      kind: 'json',
      charset: 'utf-8',
    })
    assert.equal(parseMediaType('APPLICATION/X-WWW-FORM-URLENCODED')?.kind, 'form')
    assert.equal(parseMediaType('Text/Plain')?.type, 'text/plain')
    assert.equal(parseMediaType('application/VND.API+JSON')?.kind, 'json')
  })

  it('ignores the case of the charset parameter name and value', () => {
    for (const header of [
      'application/json; CHARSET=UTF-8',
      'application/json; Charset=Utf-8',
      'text/plain; charset=ISO-8859-1',
    ]) {
      assert.notEqual(parseMediaType(header), undefined, header)
    }
    assert.equal(parseMediaType('text/plain; CharSet=ISO-8859-1')?.charset, 'windows-1252')
  })

  describe('whitespace and quoting (RFC 9110)', () => {
    const cases: [string, string, string][] = [
      [
        'application/x-www-form-urlencoded ; charset=utf-8',
        'application/x-www-form-urlencoded',
        'utf-8',
      ],
      ['application/json;charset=utf-8', 'application/json', 'utf-8'],
      ['application/json ;  charset=utf-8', 'application/json', 'utf-8'],
      ['application/json;\tcharset=utf-8', 'application/json', 'utf-8'],
      ['text/plain\t;\tcharset=latin1', 'text/plain', 'windows-1252'],
      ['  text/plain  ', 'text/plain', 'utf-8'],
      ['application/json; charset="UTF-8"', 'application/json', 'utf-8'],
      ['text/plain; charset="iso-8859-1"', 'text/plain', 'windows-1252'],
      ['text/plain; format=flowed; charset=iso-8859-1', 'text/plain', 'windows-1252'],
      ['application/json; charset=utf-8;', 'application/json', 'utf-8'],
    ]
    for (const [header, type, charset] of cases) {
      it(`parses ${JSON.stringify(header)}`, () => {
        const parsed = parseMediaType(header)
        assert.equal(parsed?.type, type)
        assert.equal(parsed?.charset, charset)
      })
    }
  })

  describe('charsets (WHATWG Encoding labels)', () => {
    const known: [string, string][] = [
      ['utf-8', 'utf-8'],
      ['utf8', 'utf-8'],
      ['unicode-1-1-utf-8', 'utf-8'],
      ['us-ascii', 'windows-1252'],
      ['iso-8859-1', 'windows-1252'],
      ['ISO_8859-1:1987', 'windows-1252'],
      ['latin1', 'windows-1252'],
      ['cp1252', 'windows-1252'],
      ['windows-1252', 'windows-1252'],
      ['iso-8859-15', 'iso-8859-15'],
      ['l9', 'iso-8859-15'],
      ['shift_jis', 'shift_jis'],
      ['sjis', 'shift_jis'],
      ['euc-kr', 'euc-kr'],
      ['gb2312', 'gbk'],
      ['koi8-r', 'koi8-r'],
      ['x-user-defined', 'x-user-defined'],
    ]
    for (const [label, charset] of known) {
      it(`resolves charset=${label} to ${charset} for text and forms, and ignores it for JSON`, () => {
        assert.equal(parseMediaType(`text/plain; charset=${label}`)?.charset, charset)
        assert.equal(
          parseMediaType(`application/x-www-form-urlencoded; charset=${label}`)?.charset,
          charset,
        )
        assert.equal(parseMediaType(`application/json; charset=${label}`)?.charset, 'utf-8')
      })
    }

    it('takes UTF-16 for text, but refuses it for a form, whose & and = must be single bytes', () => {
      for (const label of ['utf-16', 'utf-16be', 'unicode', 'ucs-2']) {
        assert.match(String(parseMediaType(`text/plain; charset=${label}`)?.charset), /^utf-16/)
        assert.equal(
          parseMediaType(`application/x-www-form-urlencoded; charset=${label}`),
          undefined,
        )
      }
    })

    for (const label of [
      'klingon',
      'utf-7',
      'ebcdic',
      'base64',
      'hex',
      'iso_8859_1',
      'replacement',
      'iso-2022-kr',
      'hz-gb-2312',
      '""',
    ]) {
      it(`refuses the label ${label}, which names no WHATWG encoding, for text and forms`, () => {
        assert.equal(charsetName(label), undefined)
        assert.equal(parseMediaType(`text/plain; charset=${label}`), undefined)
        assert.equal(
          parseMediaType(`application/x-www-form-urlencoded; charset=${label}`),
          undefined,
        )
      })
    }

    it('rejects an empty charset value', () => {
      assert.equal(parseMediaType('text/plain; charset='), undefined)
    })

    it('defaults to UTF-8 when other parameters are present but no charset', () => {
      assert.equal(parseMediaType('text/plain; format=flowed')?.charset, 'utf-8')
    })
  })

  describe('unsupported media types', () => {
    for (const header of [
      'application/xml',
      'multipart/form-data; boundary=xyz',
      'application/octet-stream',
      'application/javascript',
      'image/png',
      'application/jsonp',
      'application/json-seq',
      'application/x-json',
      'json',
      'text',
      'text/',
      '/json',
      '',
      '   ',
      ';charset=utf-8',
      'application/json, text/plain',
      'application/json/extra',
      'app lication/json',
      'application/json\u00e9',
      '*/*',
    ]) {
      it(`returns undefined for ${JSON.stringify(header)}`, () => {
        assert.equal(parseMediaType(header), undefined)
      })
    }
  })

  it('treats a +json suffix outside application/ by its top-level type, not as JSON', () => {
    assert.equal(parseMediaType('text/xml+json')?.kind, 'text')
    assert.equal(parseMediaType('image/svg+json'), undefined)
  })

  it('never throws, whatever the header', () => {
    for (const header of [
      '\u0000',
      '";;;="',
      'a/b; =; ==; "',
      '\\',
      'a/b; charset="unterminated',
    ]) {
      assert.doesNotThrow(() => parseMediaType(header), header)
    }
  })
})

describe('ACCEPTED_MEDIA_TYPES', () => {
  it('lists every supported family for the Accept-Post header', () => {
    const listed = ACCEPTED_MEDIA_TYPES.split(', ')
    for (const type of [
      'application/json',
      'application/*+json',
      'application/x-www-form-urlencoded',
      'text/*',
    ]) {
      assert.ok(listed.includes(type), type)
    }
  })
})

describe('JSON charset (RFC 8259)', () => {
  it('decodes JSON as UTF-8 whatever charset is declared, even one that names no encoding', () => {
    for (const label of ['iso-8859-1', 'utf-16', 'klingon', '']) {
      assert.equal(parseMediaType(`application/json; charset=${label}`)?.charset, 'utf-8')
      assert.equal(parseMediaType(`application/ld+json; charset="${label}"`)?.charset, 'utf-8')
    }
  })

  it('rejects application/+json, which names no structured type', () => {
    assert.equal(parseMediaType('application/+json'), undefined)
  })
})

describe('unsupportedReason', () => {
  const all = `; supported: ${ACCEPTED_MEDIA_TYPES}`

  it('names the charset, not the media type, when the charset is what is refused', () => {
    assert.equal(
      unsupportedReason('text/plain; charset=klingon'),
      "charset 'klingon' is not supported",
    )
    assert.equal(
      unsupportedReason('application/x-www-form-urlencoded; charset="UTF-16"'),
      "charset 'UTF-16' is not supported",
    )
  })

  it('echoes a charset only when it is a plain label', () => {
    for (const label of ['"a b"', '"<script>"', `"${'x'.repeat(41)}"`, '""']) {
      assert.equal(unsupportedReason(`text/plain; charset=${label}`), 'charset is not supported')
    }
  })

  it('names the media type and lists the supported ones when the type is refused', () => {
    assert.equal(
      unsupportedReason('application/xml'),
      `Content-Type 'application/xml' is not supported${all}`,
    )
    assert.equal(unsupportedReason('a b'), `Content-Type is not supported${all}`)
    assert.equal(unsupportedReason(undefined), `A request body needs a Content-Type header${all}`)
  })

  it('names the media type for a kind the endpoint does not accept, whatever its charset', () => {
    assert.equal(
      unsupportedReason('text/plain; charset=klingon', ['json']),
      "Content-Type 'text/plain' is not supported; supported: application/json, application/*+json",
    )
  })
})

describe('charset names that are Object.prototype members', () => {
  for (const charset of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    it(`treats charset=${charset} as unknown`, () => {
      assert.equal(parseMediaType(`text/plain; charset=${charset}`), undefined)
    })
  }
})
