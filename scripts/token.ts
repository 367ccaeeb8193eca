// `npm run token -- --scope orders:write`: prints a development JWT for curl against `npm start`.
// Options: --scope (repeatable), --sub, --expired, --aud <wrong audience>, --iss <wrong issuer>.
import { parseArgs } from 'node:util'
import { mintDevToken } from './lib/dev-token.ts'

const { values } = parseArgs({
  options: {
    scope: { type: 'string', multiple: true, default: [] },
    sub: { type: 'string' },
    expired: { type: 'boolean', default: false },
    aud: { type: 'string' },
    iss: { type: 'string' },
  },
  strict: true,
})

const token = await mintDevToken({
  // `--scope "a b"` and `--scope a --scope b` both work.
  scopes: values.scope.flatMap((scope) => scope.split(/\s+/).filter(Boolean)),
  subject: values.sub,
  expired: values.expired,
  audience: values.aud,
  issuer: values.iss,
})
process.stdout.write(`${token}\n`)
