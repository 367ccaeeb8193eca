// `npm run token -- --scope orders:write`: prints a development JWT for curl against `npm start`.
import { parseArgs } from 'node:util'
import { mintDevToken } from './lib/dev-token.ts'

const USAGE = `Usage: npm run -s token -- [options]

Prints a development JWT that \`npm start\` (serverless-offline) accepts, for curl:
  curl -H "authorization: Bearer $(npm run -s token -- --scope orders:write)" …

Options:
  --scope <scopes>  a scope the token grants; repeat it, or separate scopes by spaces
  --sub <subject>   the token's subject (sub; default dev-user)
  --expired         a token that expired an hour ago
  --aud <audience>  a wrong audience, to see the 401
  --iss <issuer>    a wrong issuer, to see the 401
  -h, --help        this text
`

const parse = () => {
  try {
    return parseArgs({
      options: {
        scope: { type: 'string', multiple: true, default: [] },
        sub: { type: 'string' },
        expired: { type: 'boolean', default: false },
        aud: { type: 'string' },
        iss: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values
  } catch (error) {
    // parseArgs' own message names the option; its stack says nothing to the person typing.
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`)
    process.exit(2)
  }
}

const values = parse()
if (values.help) {
  process.stdout.write(USAGE)
} else {
  const token = await mintDevToken({
    // `--scope "a b"` and `--scope a --scope b` both work.
    scopes: values.scope.flatMap((scope) => scope.split(/\s+/).filter(Boolean)),
    subject: values.sub,
    expired: values.expired,
    audience: values.aud,
    issuer: values.iss,
  })
  process.stdout.write(`${token}\n`)
}
