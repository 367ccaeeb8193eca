import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { functionsOf } from '../../scripts/lib/serverless-config.ts'
import { buildOpenApi } from '../../scripts/openapi/document.ts'
import { createContext } from '../../tests/fixtures/context.ts'
import { buildEvent } from '../../tests/fixtures/events.ts'
import { type OpenApiDocument, responseChecker } from '../../tests/helpers/openapi.ts'
import { captureOutput } from '../../tests/helpers/output.ts'
import { get, put } from '../widgets.ts'

const WIDGETS = functionsOf({
  putWidget: {
    handler: 'examples/widgets.put',
    events: [
      {
        httpApi: {
          method: 'PUT',
          path: '/widgets/{id}',
          authorizer: { name: 'jwt', scopes: ['widgets:write'] },
        },
      },
    ],
  },
  getWidget: {
    handler: 'examples/widgets.get',
    events: [
      {
        httpApi: {
          method: 'GET',
          path: '/widgets/{id}',
          authorizer: { name: 'jwt', scopes: ['widgets:read'] },
        },
      },
    ],
  },
})

describe('openapi.json from a declaration', () => {
  let document: OpenApiDocument
  before(async () => {
    document = (await buildOpenApi({ functions: WIDGETS })) as unknown as OpenApiDocument
  })
  const statusesOf = (method: 'put' | 'get') =>
    Object.keys(document.paths['/widgets/{id}']?.[method]?.responses ?? {})

  it('documents every declared success status with its body schema', () => {
    const responses = document.paths['/widgets/{id}']?.put?.responses ?? {}
    assert.deepEqual(responses['201']?.content?.['application/json']?.schema, {
      $ref: '#/components/schemas/PutWidgetResponse',
    })
    assert.deepEqual(responses['200']?.content?.['application/json']?.schema, {
      $ref: '#/components/schemas/PutWidgetResponse200',
    })
  })

  it('documents the problems an endpoint declares, and 413/415 only where a body is taken', () => {
    assert.deepEqual(statusesOf('put'), [
      '200',
      '201',
      '400',
      '401',
      '403',
      '404',
      '413',
      '415',
      '422',
      '500',
      '504',
    ])
    assert.deepEqual(statusesOf('get'), ['200', '400', '401', '403', '404', '422', '500', '504'])
    assert.equal(document.paths['/widgets/{id}']?.get?.requestBody, undefined)
  })

  it('documents JSON only for a body with a schema, unless the endpoint asks for more', () => {
    const content = document.paths['/widgets/{id}']?.put?.requestBody?.content ?? {}
    assert.deepEqual(Object.keys(content), ['application/json', 'application/*+json'])
  })

  it('documents what the endpoints answer: 201 with Location, 200, a thrown 404', async () => {
    const check = responseChecker(document)
    const request = (method: string, id: string, body?: string) => {
      const event = buildEvent({
        body,
        contentType: body ? 'application/json' : undefined,
        jwt: { claims: { sub: 'ada' }, scopes: ['widgets:read', 'widgets:write'] },
      })
      event.requestContext.http.method = method
      event.routeKey = `${method} /widgets/{id}`
      event.pathParameters = { id }
      return event
    }
    const { result: created } = await captureOutput(() =>
      put(request('PUT', 'w2', '{"name":"two"}'), createContext()),
    )
    assert.equal(created.statusCode, 201)
    assert.equal(created.headers?.location, '/widgets/w2')
    check('PUT /widgets/{id}', created)
    const { result: replaced } = await captureOutput(() =>
      put(request('PUT', 'w2', '{"name":"two, again"}'), createContext()),
    )
    assert.equal(replaced.statusCode, 200)
    check('PUT /widgets/{id}', replaced)
    const { result: missing } = await captureOutput(() =>
      get(request('GET', 'w9'), createContext()),
    )
    assert.equal(missing.statusCode, 404)
    check('GET /widgets/{id}', missing)
  })
})
