// The params a deployer must give a stage that has none of its own in serverless.yml (the
// tests package stage `ci` and print `prod`): the JWT authorizer's issuer and audience.
export const DEPLOYER_PARAMS = {
  jwtIssuerUrl: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Example01',
  jwtAudience: 'example-app-client-id',
} as const

/** `--param key=value` for each, as on the `serverless package|deploy` command line. */
export const paramArgs = (params: Readonly<Record<string, string>> = DEPLOYER_PARAMS): string[] =>
  Object.entries(params).flatMap(([key, value]) => ['--param', `${key}=${value}`])
