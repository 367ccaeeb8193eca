import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decodeLatin1, formDecoder, tooManyPairs } from '../../src/lib/form.ts'

describe('formDecoder', () => {
  it('decodes percent-escapes as bytes in the charset', () => {
    assert.equal(formDecoder('windows-1252')('Ren%E9%20%80'), 'René €')
    assert.equal(formDecoder('iso-8859-15')('%A4'), '€')
    assert.equal(formDecoder('koi8-r')('%F0%D2%C9%D7%C5%D4'), 'Привет')
  })

  it('decodes a character that spans an escape and a plain ASCII byte (Shift_JIS %83A)', () => {
    assert.equal(formDecoder('shift_jis')('%83A%83C'), 'アイ')
  })

  it('keeps characters outside ASCII as they are: the body decoder already read them', () => {
    assert.equal(formDecoder('shift_jis')('あ%82%A0'), 'ああ')
    assert.equal(formDecoder('windows-1252')('Zürich%21'), 'Zürich!')
  })

  it('leaves what is not a percent-escape literal, and bad bytes as U+FFFD, never throwing', () => {
    assert.equal(formDecoder('windows-1252')('%u20AC %zz %'), '%u20AC %zz %')
    assert.equal(formDecoder('shift_jis')('%82'), '\ufffd')
  })
})

describe('decodeLatin1', () => {
  it('turns %XX into U+00XX and nothing else', () => {
    assert.equal(decodeLatin1('%E9%e9%41+%'), 'ééA+%')
  })
})

describe('tooManyPairs', () => {
  it('is true from the 1000th separator on', () => {
    assert.equal(tooManyPairs('&'.repeat(999)), false)
    assert.equal(tooManyPairs('&'.repeat(1000)), true)
  })
})
