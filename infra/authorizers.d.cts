/** What osls passes to a `${file(x.cjs)}` function (only what the generator uses). */
interface ResolverInput {
  resolveVariable(variable: string): Promise<unknown>
}

interface JwtAuthorizer {
  type: 'jwt'
  identitySource: string
  issuerUrl: string
  audience: string
}

declare function build(
  input: ResolverInput,
): Promise<{ authorizers: Record<string, JwtAuthorizer> }>
declare namespace build {
  /** Why a JWT issuer cannot be used, or undefined for an https:// URL. */
  function issuerProblem(issuer: unknown): string | undefined
  /** The route keys of the functions' httpApi events whose authorizer is `name`. */
  function routesUsing(functions: unknown, name: string): string[]
}

export = build
