import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ACCEPTED_MEDIA_TYPES, parseMediaType } from '../../src/lib/media-type.ts'

describe('parseMediaType', () => {
  it('recognises application/json as JSON in UTF-8', () => {
    assert.deepEqual(parseMediaType('application/json'), {
      type: 'application/json',
      kind: 'json',
      encoding: 'utf8',
    })
  })

  for (const type of [
    'application/vnd.api+json',
    'application/problem+json',
    'application/ld+json',
    'application/merge-patch+json',
  ]) {
    it(`treats the structured-syntax suffix type ${type} as JSON`, () => {
      assert.deepEqual(parseMediaType(type), { type, kind: 'json', encoding: 'utf8' })
    })
  }

  it('recognises application/x-www-form-urlencoded as a form', () => {
    assert.equal(parseMediaType('application/x-www-form-urlencoded')?.kind, 'form')
  })

  for (const type of ['text/plain', 'text/csv', 'text/html', 'text/markdown']) {
    it(`treats ${type} as text (every text/* subtype is accepted)`, () => {
      assert.deepEqual(parseMediaType(type), { type, kind: 'text', encoding: 'utf8' })
    })
  }

  it('lower-cases the type and ignores its case', () => {
    assert.deepEqual(parseMediaType('Application/JSON'), {
      type: 'application/json',
      kind: 'json',
      encoding: 'utf8',
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
    assert.equal(parseMediaType('text/plain; CharSet=ISO-8859-1')?.encoding, 'latin1')
  })

  describe('whitespace and quoting (RFC 9110)', () => {
    const cases: [string, string, BufferEncoding][] = [
      [
        'application/x-www-form-urlencoded ; charset=utf-8',
        'application/x-www-form-urlencoded',
        'utf8',
      ],
      ['application/json;charset=utf-8', 'application/json', 'utf8'],
      ['application/json ;  charset=utf-8', 'application/json', 'utf8'],
      ['application/json;\tcharset=utf-8', 'application/json', 'utf8'],
      ['text/plain\t;\tcharset=latin1', 'text/plain', 'latin1'],
      ['  text/plain  ', 'text/plain', 'utf8'],
      ['application/json; charset="UTF-8"', 'application/json', 'utf8'],
      ['text/plain; charset="iso-8859-1"', 'text/plain', 'latin1'],
      ['text/plain; format=flowed; charset=iso-8859-1', 'text/plain', 'latin1'],
      ['application/json; charset=utf-8;', 'application/json', 'utf8'],
    ]
    for (const [header, type, encoding] of cases) {
      it(`parses ${JSON.stringify(header)}`, () => {
        const parsed = parseMediaType(header)
        assert.equal(parsed?.type, type)
        assert.equal(parsed?.encoding, encoding)
      })
    }
  })

  describe('charsets', () => {
    const known: [string, BufferEncoding][] = [
      ['utf-8', 'utf8'],
      ['utf8', 'utf8'],
      ['us-ascii', 'utf8'],
      ['iso-8859-1', 'latin1'],
      ['latin1', 'latin1'],
    ]
    for (const [charset, encoding] of known) {
      it(`maps charset=${charset} to ${encoding}`, () => {
        assert.equal(parseMediaType(`text/plain; charset=${charset}`)?.encoding, encoding)
        assert.equal(parseMediaType(`application/json; charset=${charset}`)?.encoding, 'utf8')
        assert.equal(
          parseMediaType(`application/x-www-form-urlencoded; charset=${charset}`)?.encoding,
          encoding,
        )
      })
    }

    for (const charset of [
      'utf-16',
      'windows-1252',
      'shift_jis',
      'ebcdic',
      'base64',
      'hex',
      '""',
    ]) {
      it(`rejects the unknown charset ${charset}`, () => {
        assert.equal(parseMediaType(`text/plain; charset=${charset}`), undefined)
        assert.equal(parseMediaType(`application/json; charset=${charset}`), undefined)
      })
    }

    it('rejects an empty charset value', () => {
      assert.equal(parseMediaType('text/plain; charset='), undefined)
    })

    it('defaults to UTF-8 when other parameters are present but no charset', () => {
      assert.equal(parseMediaType('text/plain; format=flowed')?.encoding, 'utf8')
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
  it('decodes JSON as UTF-8 whatever known charset is declared', () => {
    assert.equal(parseMediaType('application/json; charset=iso-8859-1')?.encoding, 'utf8')
  })

  it('rejects application/+json, which names no structured type', () => {
    assert.equal(parseMediaType('application/+json'), undefined)
  })
})

describe('charset names that are Object.prototype members', () => {
  for (const charset of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    it(`treats charset=${charset} as unknown`, () => {
      assert.equal(parseMediaType(`text/plain; charset=${charset}`), undefined)
    })
  }
})
