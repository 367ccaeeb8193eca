'use strict'

// `provider.httpApi.authorizers`, generated: the JWT authorizer is in the template only when a
// route names it, so a service whose routes are all public packages and deploys with no params.
// When a route uses it, its issuer and audience must be set for the stage, and the issuer must be
// an https:// URL (API Gateway fetches the issuer's discovery document from it); otherwise
// resolving serverless.yml, and so every command, stops here with what to set and where.
// serverless.yml pulls it in with `${file(./infra/authorizers.cjs):authorizers}`.

const JWT = 'jwt'

/** The route keys of the functions' httpApi events whose `authorizer` names `name`. */
const routesUsing = (functions, name) =>
  Object.values(functions ?? {}).flatMap((fn) =>
    (fn?.events ?? [])
      .map((event) => event?.httpApi)
      .filter((spec) => {
        const authorizer = spec?.authorizer
        return authorizer === name || authorizer?.name === name
      })
      .map((spec) => (typeof spec === 'string' ? spec : `${spec.method} ${spec.path}`)),
  )

/** Why an issuer cannot be used, or undefined. */
const issuerProblem = (issuer) => {
  let url
  try {
    url = new URL(issuer)
  } catch {
    url = undefined
  }
  if (typeof issuer === 'string' && url?.protocol === 'https:' && url.hostname !== '')
    return undefined
  return `param jwtIssuerUrl must be an https:// URL, the issuer's \`iss\` claim exactly (Cognito: https://cognito-idp.<region>.amazonaws.com/<userPoolId>), not ${JSON.stringify(issuer)}`
}

/** An error osls prints as its message alone: the stack of this file would only hide it. */
const stop = (message) => Object.assign(new Error(message), { stack: message })

const isSet = (value) => value !== null && value !== undefined && String(value).trim() !== ''

const build = async ({ resolveVariable }) => {
  const functions = await resolveVariable('self:functions')
  const stage = await resolveVariable('sls:stage')
  const issuer = await resolveVariable('param:jwtIssuerUrl, null')
  const audience = await resolveVariable('param:jwtAudience, null')
  // Checked even when no route uses it: a typo in a deployer's --param is a mistake either way.
  if (isSet(issuer) && issuerProblem(issuer)) throw stop(issuerProblem(issuer))
  const routes = routesUsing(functions, JWT)
  if (routes.length === 0) return { authorizers: {} }
  const missing = [
    ['jwtIssuerUrl', issuer],
    ['jwtAudience', audience],
  ]
    .filter(([, value]) => !isSet(value))
    .map(([name]) => name)
  if (missing.length > 0) {
    throw stop(
      `${routes.join(', ')} use${routes.length === 1 ? 's' : ''} the JWT authorizer '${JWT}', ` +
        `but stage '${stage}' has no ${missing.join(' and ')}. Set jwtIssuerUrl and jwtAudience ` +
        `under params.${stage} in serverless.yml, or on the command line: ` +
        '--param jwtIssuerUrl=https://<issuer> --param jwtAudience=<audience>',
    )
  }
  return {
    authorizers: {
      [JWT]: {
        type: 'jwt',
        identitySource: '$request.header.Authorization',
        issuerUrl: String(issuer),
        audience: String(audience),
      },
    },
  }
}

module.exports = Object.assign(build, { issuerProblem, routesUsing })
