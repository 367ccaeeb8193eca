// What openapi.json says about authentication: one openIdConnect scheme naming the issuer's
// discovery document, the required scopes per protected operation, `security: []` on public ones,
// and 401/403 as a client really meets them (API Gateway's JSON, or the function's problem+json).
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { Validator } from '@seriousme/openapi-schema-validator'
import { buildOpenApi } from '../../scripts/openapi/document.ts'
import type { OpenApiDocument } from '../../tests/helpers/openapi.ts'
import { ORDERS_FUNCTION, WITH_EXAMPLE } from './examples.ts'

const COGNITO = 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Example01'
let document: OpenApiDocument & { components: Record<string, unknown> }
let operations: Record<string, Record<string, unknown>>

before(async () => {
  // serverless.yml's functions plus the walkthrough's orders, as a fork that took its steps has.
  const { readServerlessConfig } = await import('../../scripts/lib/serverless-config.ts')
  const functions = [...readServerlessConfig().functions, ORDERS_FUNCTION]
  document = (await buildOpenApi({ functions, issuer: COGNITO })) as unknown as typeof document
  operations = {
    'POST /orders': document.paths['/orders']?.post as unknown as Record<string, unknown>,
    'POST /example': document.paths['/example']?.post as unknown as Record<string, unknown>,
  }
})

describe('openapi.json security', () => {
  it('is a valid OpenAPI 3.1 document with the security sections', async () => {
    const result = await new Validator().validate(document as unknown as Record<string, unknown>)
    assert.deepEqual(result.errors, undefined)
    assert.equal(result.valid, true)
  })

  it("names the issuer's OpenID Connect discovery document", () => {
    const schemes = document.components.securitySchemes as Record<string, Record<string, string>>
    assert.deepEqual(Object.keys(schemes), ['jwt'])
    assert.equal(schemes.jwt?.type, 'openIdConnect')
    assert.equal(schemes.jwt?.openIdConnectUrl, `${COGNITO}/.well-known/openid-configuration`)
  })

  it('requires orders:write on POST /orders', () => {
    assert.deepEqual(operations['POST /orders']?.security, [{ jwt: ['orders:write'] }])
  })

  it('requires nothing on the public POST /example', WITH_EXAMPLE, () => {
    assert.deepEqual(operations['POST /example']?.security, [])
    const example = operations['POST /example']?.responses as Record<string, unknown>
    assert.equal(example['401'], undefined)
    assert.equal(example['403'], undefined)
  })

  it("documents 401 and 403 as API Gateway's JSON or the function's problem+json", () => {
    const responses = operations['POST /orders']?.responses as Record<
      string,
      { description: string; content: Record<string, { schema: Record<string, unknown> }> }
    >
    for (const [status, message] of [
      ['401', 'Unauthorized'],
      ['403', 'Forbidden'],
    ] as const) {
      const response = responses[status]
      assert.ok(response, status)
      assert.deepEqual(Object.keys(response.content), [
        'application/json',
        'application/problem+json',
      ])
      assert.deepEqual(response.content['application/json']?.schema.properties, {
        message: { type: 'string', const: message },
      })
      assert.ok(response.description.includes(`{"message":"${message}"}`), response.description)
      assert.ok(response.description.includes('before the function runs'))
    }
  })

  it('names the local development issuer when no other is given', async () => {
    const local = (await buildOpenApi({ functions: [ORDERS_FUNCTION] })) as {
      components: { securitySchemes: Record<string, Record<string, string>> }
    }
    assert.equal(
      local.components.securitySchemes.jwt?.openIdConnectUrl,
      'https://dev-issuer.localhost/.well-known/openid-configuration',
    )
  })
})
