// The JWT authorizer and CORS as CloudFormation would deploy them: the README walkthrough's tree
// (POST /orders protected, POST /example public) packaged for a stage the way a deployer sets one
// up, origins as a stage key under `params:`, issuer and audience on the command line.
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { loadHandler } from '../../scripts/lib/function-module.ts'
import { readServerlessConfig } from '../../scripts/lib/serverless-config.ts'
import { describeRun, runSls } from '../../scripts/lib/sls.ts'
import { responseHeaderNames } from '../../scripts/openapi/document.ts'
import { allowsOrigin, withDeclaredHeaders } from '../../tests/helpers/cors.ts'
import { DEPLOYER_PARAMS, paramArgs } from '../../tests/helpers/deploy-params.ts'
import { WITH_EXAMPLE } from './examples.ts'
import { setStageParams, walkthroughTree } from './walkthrough-tree.ts'

interface Resource {
  Type: string
  Properties: Record<string, unknown>
}

const STAGE = 'ci'
const APP_ORIGIN = 'https://app.example.com'
const AUTHORIZER_ID = 'HttpApiAuthorizerJwt'

let tree: Awaited<ReturnType<typeof walkthroughTree>> | undefined
let outDir = ''
let resources: Record<string, Resource> = {}
let declaredCors: {
  allowedHeaders?: string[]
  exposedResponseHeaders?: string[]
  maxAge?: number
} = {}
const declaredHeaders: string[] = []
let declaredRoutes: { routeKey: string; authorizer?: { name?: string; scopes?: string[] } }[] = []

const routeResource = (routeKey: string): Record<string, unknown> => {
  const found = Object.values(resources).find(
    (r) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties.RouteKey === routeKey,
  )
  assert.ok(found, `no route ${routeKey} in the template`)
  return found.Properties
}

const corsConfiguration = (): Record<string, unknown> => {
  const api = resources.HttpApi
  assert.ok(api, 'no HttpApi resource')
  return api.Properties.CorsConfiguration as Record<string, unknown>
}

before(
  async () => {
    tree = await walkthroughTree('authorizer')
    await setStageParams(tree.root, STAGE, { corsAllowedOrigins: [APP_ORIGIN] })
    outDir = await mkdtemp(path.join(tmpdir(), 'authorizer-package-'))
    const pkg = await runSls(['package', '--stage', STAGE, '--package', outDir, ...paramArgs()], {
      label: 'authorizer',
      timeoutMs: 120_000,
      root: tree.root,
    })
    assert.equal(pkg.code, 0, describeRun(pkg))
    const template = JSON.parse(
      await readFile(path.join(outDir, 'cloudformation-template-update-stack.json'), 'utf8'),
    )
    resources = template.Resources
    // The routes and authorizers as the tree's serverless.yml writes them.
    const config = readServerlessConfig(tree.root)
    declaredRoutes = config.functions.flatMap((fn) => fn.routes)
    declaredCors = (config.provider.httpApi as { cors: typeof declaredCors }).cors
    for (const fn of config.functions.filter((f) => f.routes.length > 0)) {
      const handler = await loadHandler(fn, tree.root)
      assert.ok(handler, fn.module)
      declaredHeaders.push(...responseHeaderNames(handler.endpoint))
    }
  },
  { timeout: 180_000 },
)

after(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true })
  await tree?.remove()
})

describe('packaged template: the JWT authorizer', () => {
  it('reads the bearer token from Authorization, issuer and audience from the params', () => {
    const authorizer = resources[AUTHORIZER_ID]
    assert.ok(authorizer, `no ${AUTHORIZER_ID}`)
    assert.equal(authorizer.Type, 'AWS::ApiGatewayV2::Authorizer')
    assert.deepEqual(authorizer.Properties, {
      ApiId: { Ref: 'HttpApi' },
      Name: 'jwt',
      IdentitySource: ['$request.header.Authorization'],
      AuthorizerType: 'JWT',
      JwtConfiguration: {
        Audience: [DEPLOYER_PARAMS.jwtAudience],
        Issuer: DEPLOYER_PARAMS.jwtIssuerUrl,
      },
    })
  })

  it('protects POST /orders with the JWT authorizer and scope orders:write', () => {
    const route = routeResource('POST /orders')
    assert.equal(route.AuthorizationType, 'JWT')
    assert.deepEqual(route.AuthorizerId, { Ref: AUTHORIZER_ID })
    assert.deepEqual(route.AuthorizationScopes, ['orders:write'])
  })

  it('leaves POST /example public', WITH_EXAMPLE, () => {
    const route = routeResource('POST /example')
    for (const key of ['AuthorizationType', 'AuthorizerId', 'AuthorizationScopes']) {
      assert.equal(route[key], undefined, key)
    }
  })

  it('gives every route exactly the authorizer and scopes serverless.yml declares for it', () => {
    assert.ok(declaredRoutes.length > 0)
    for (const declared of declaredRoutes) {
      const route = routeResource(declared.routeKey)
      if (declared.authorizer) {
        assert.equal(route.AuthorizationType, 'JWT', declared.routeKey)
        assert.deepEqual(route.AuthorizationScopes, declared.authorizer.scopes, declared.routeKey)
      } else {
        assert.equal(route.AuthorizationType, undefined, declared.routeKey)
      }
    }
  })
})

describe('packaged template: CORS', () => {
  it('allows exactly the stage origins, the routes methods, and the headers serverless.yml lists', () => {
    const { AllowMethods, ...rest } = corsConfiguration()
    // The methods of the tree's routes (a fork may have added its own), plus the preflight's.
    const methods = [
      'OPTIONS',
      ...new Set(declaredRoutes.map((route) => route.routeKey.split(' ')[0])),
    ].sort()
    assert.deepEqual([...(AllowMethods as string[])].sort(), methods)
    // The header lists as the tree's serverless.yml writes them (a fork adds its own), the exposed
    // ones followed by every header the endpoints declare (the build guard adds them).
    assert.deepEqual(rest, {
      AllowHeaders: declaredCors.allowedHeaders,
      AllowOrigins: [APP_ORIGIN],
      ExposeHeaders: withDeclaredHeaders(declaredCors.exposedResponseHeaders, declaredHeaders),
      MaxAge: declaredCors.maxAge,
    })
  })

  it('answers the listed origin and no other (serverless-offline echoes any Origin)', () => {
    const origins = corsConfiguration().AllowOrigins as string[]
    assert.equal(allowsOrigin(origins, APP_ORIGIN), true)
    for (const origin of ['https://evil.example', 'http://app.example.com', 'null']) {
      assert.equal(allowsOrigin(origins, origin), false, origin)
    }
  })
})
