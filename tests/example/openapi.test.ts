// POST /example in openapi.json: no schema, so every body kind and no 422.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { acceptPostFor } from '../../src/lib/media-type.ts'
import type { OpenApiDocument } from '../helpers/openapi.ts'

const document = JSON.parse(
  readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8'),
) as OpenApiDocument

describe('openapi.json for POST /example', () => {
  it('documents every body kind, no 422, its Accept-Post and header', () => {
    const operation = document.paths['/example']?.post
    assert.ok(operation)
    assert.deepEqual(Object.keys(operation.responses), ['200', '400', '413', '415', '500', '504'])
    assert.equal(operation.requestBody?.required, false)
    assert.deepEqual(Object.keys(operation.requestBody?.content ?? {}), [
      'application/json',
      'application/*+json',
      'application/x-www-form-urlencoded',
      'text/plain',
      'text/*',
    ])
    assert.deepEqual(operation.responses['415']?.headers?.['accept-post']?.schema, {
      type: 'string',
      const: acceptPostFor(['json', 'form', 'text']),
    })
    assert.deepEqual(operation.responses['415']?.headers?.['accept-encoding']?.schema, {
      type: 'string',
      const: 'gzip, deflate, br',
    })
    assert.deepEqual(operation.responses['200']?.headers?.['x-custom-header']?.schema, {
      type: 'string',
      const: 'my custom header value',
    })
  })
})
