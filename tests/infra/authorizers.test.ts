// infra/authorizers.cjs, the `${file()}` resolver behind provider.httpApi.authorizers, called as
// osls calls it: the JWT authorizer only when a route names it, and a stop naming the params a
// deployer must set when one does and they are missing or the issuer is not https.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import build from '../../infra/authorizers.cjs'

const ISSUER = 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Example01'
const PUBLIC = {
  ping: { handler: 'src/handlers/ping.handler', events: [{ httpApi: 'GET /ping' }] },
}
const PROTECTED = {
  ...PUBLIC,
  books: {
    handler: 'src/handlers/books.handler',
    events: [
      { httpApi: { method: 'POST', path: '/books', authorizer: { name: 'jwt', scopes: ['b:w'] } } },
      { httpApi: { method: 'DELETE', path: '/books/{id}', authorizer: 'jwt' } },
    ],
  },
}

/** osls's `resolveVariable` over a fixed configuration; `param:x, null` falls back to null. */
const resolver = (functions: object, params: Record<string, string> = {}) => ({
  resolveVariable: async (variable: string): Promise<unknown> => {
    if (variable === 'self:functions') return functions
    if (variable === 'sls:stage') return 'prod'
    const param = /^param:(\w+), null$/.exec(variable)?.[1]
    if (param) return params[param] ?? null
    throw new Error(`unexpected variable ${variable}`)
  },
})

describe('infra/authorizers.cjs', () => {
  it('generates no authorizer when every route is public, even without params', async () => {
    assert.deepEqual(await build(resolver(PUBLIC)), { authorizers: {} })
  })

  it('generates the jwt authorizer from the params when a route uses it', async () => {
    const params = { jwtIssuerUrl: ISSUER, jwtAudience: 'app-client' }
    assert.deepEqual(await build(resolver(PROTECTED, params)), {
      authorizers: {
        jwt: {
          type: 'jwt',
          identitySource: '$request.header.Authorization',
          issuerUrl: ISSUER,
          audience: 'app-client',
        },
      },
    })
  })

  it('stops naming the routes, the missing params and where to set them', async () => {
    await assert.rejects(build(resolver(PROTECTED, { jwtIssuerUrl: ISSUER })), (error: Error) => {
      assert.match(error.message, /POST \/books, DELETE \/books\/\{id\} use the JWT authorizer/)
      assert.match(error.message, /stage 'prod' has no jwtAudience\./)
      assert.match(error.message, /params\.prod in serverless\.yml/)
      assert.match(error.message, /--param jwtIssuerUrl=https:\/\/<issuer> --param jwtAudience=/)
      return true
    })
    await assert.rejects(build(resolver(PROTECTED)), /no jwtIssuerUrl and jwtAudience/)
  })

  for (const issuer of ['not-a-url', 'http://issuer.example.com', 'https://', ' ']) {
    it(`refuses the issuer ${JSON.stringify(issuer)}, with routes using it or not`, async () => {
      const params = { jwtIssuerUrl: issuer, jwtAudience: 'app-client' }
      const expected = issuer.trim() === '' ? /no jwtIssuerUrl/ : /must be an https:\/\/ URL/
      await assert.rejects(build(resolver(PROTECTED, params)), expected)
      if (issuer.trim() !== '') await assert.rejects(build(resolver(PUBLIC, params)), expected)
    })
  }

  it('lists the route keys of the events naming an authorizer, in either form', () => {
    assert.deepEqual(build.routesUsing(PROTECTED, 'jwt'), ['POST /books', 'DELETE /books/{id}'])
    assert.deepEqual(build.routesUsing(PROTECTED, 'other'), [])
  })
})
