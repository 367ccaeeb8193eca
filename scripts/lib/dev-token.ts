// Development tokens for stage `local`: signed with a key pair made on first use and kept outside
// git (.dev/), with the issuer and audience serverless.yml gives the `local` stage. serverless-offline
// checks issuer, audience, expiry and scopes but never the signature, so these tokens open nothing
// on AWS, where API Gateway checks it against the issuer's published keys.
import { randomUUID } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose'
import { readServerlessConfig, stageParams } from './serverless-config.ts'
import { projectRoot } from './sls.ts'

// RS256: API Gateway's JWT authorizer accepts only RSA signatures, as Cognito issues them.
const ALG = 'RS256'
export const DEV_KEY_DIR = path.join(projectRoot, '.dev')
const TOKEN_LIFETIME_S = 3600

export interface DevTokenOptions {
  /** Space-joined into the `scope` claim, as OAuth 2.0 access tokens carry it. */
  scopes?: readonly string[]
  /** `sub` (default `dev-user`). */
  subject?: string
  /** Expired an hour ago. */
  expired?: boolean
  /** Overrides the stage's audience, e.g. to see a wrong one refused. */
  audience?: string
  /** Overrides the stage's issuer. */
  issuer?: string
  /** Further claims, e.g. `email` or `cognito:groups`. */
  claims?: Record<string, unknown>
  /** Where the key pair lives (default `.dev/` in the project). */
  keyDir?: string
  /** Seconds since the epoch the token is issued at (default: now). */
  now?: number
}

/** The issuer and audience of the `local` stage's JWT authorizer, from serverless.yml. */
export function localAuthorizer(root = projectRoot): { issuer: string; audience: string } {
  const params = stageParams(readServerlessConfig(root), 'local')
  const { jwtIssuerUrl: issuer, jwtAudience: audience } = params
  if (typeof issuer !== 'string' || typeof audience !== 'string') {
    throw new Error('serverless.yml: params.local needs jwtIssuerUrl and jwtAudience strings')
  }
  return { issuer, audience }
}

async function signingKey(
  keyDir: string,
): Promise<{ key: Awaited<ReturnType<typeof importJWK>>; kid: string }> {
  const file = path.join(keyDir, 'jwt-signing-key.json')
  let jwk: JWK
  try {
    jwk = JSON.parse(await readFile(file, 'utf8')) as JWK
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    const { privateKey } = await generateKeyPair(ALG, { extractable: true })
    jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: ALG }
    await mkdir(keyDir, { recursive: true, mode: 0o700 })
    // flag wx: two first uses at once must not overwrite each other's key.
    await writeFile(file, `${JSON.stringify(jwk)}\n`, { mode: 0o600, flag: 'wx' }).catch(
      async (writeError: NodeJS.ErrnoException) => {
        if (writeError.code !== 'EEXIST') throw writeError
        jwk = JSON.parse(await readFile(file, 'utf8')) as JWK
      },
    )
  }
  return { key: await importJWK(jwk, ALG), kid: String(jwk.kid) }
}

/** A signed JWT for the `local` stage (or whatever the options override). */
export async function mintDevToken(options: DevTokenOptions = {}): Promise<string> {
  const local = localAuthorizer()
  const now = options.now ?? Math.floor(Date.now() / 1000)
  const issuedAt = options.expired ? now - 2 * TOKEN_LIFETIME_S : now
  const { key, kid } = await signingKey(options.keyDir ?? DEV_KEY_DIR)
  const claims: Record<string, unknown> = { ...options.claims }
  if (options.scopes !== undefined && options.scopes.length > 0) {
    claims.scope = options.scopes.join(' ')
  }
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALG, kid, typ: 'JWT' })
    .setIssuer(options.issuer ?? local.issuer)
    .setAudience(options.audience ?? local.audience)
    .setSubject(options.subject ?? 'dev-user')
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + TOKEN_LIFETIME_S)
    .setJti(randomUUID())
    .sign(key)
}
