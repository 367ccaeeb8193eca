// Child process of tests/integration/secrets.test.ts. The Powertools logger reads POWERTOOLS_* at
// import, so each environment combination needs a fresh process: this one imports the real
// chain (the fixture endpoint), sends requests carrying credentials, and reports the statuses over IPC
// (not stdout, which must hold nothing but what the service itself logs).

import { createHttpHandler } from '../../src/http/create-http-handler.ts'
import { createContext } from '../fixtures/context.ts'
import { handler } from '../fixtures/endpoint.ts'
import { buildEvent, type EventInput } from '../fixtures/events.ts'

export const SECRETS = {
  authorization: 'Bearer SECRET-AUTH-4f1c9e',
  proxyAuthorization: 'Basic SECRET-PROXY-8d2a71',
  cookieHeader: 'SECRET-COOKIE-HDR-63b0',
  apiKey: 'SECRET-APIKEY-e5d4c3',
  cookiesArray: 'SECRET-COOKIE-ARR-19fa',
} as const

export const BODY_MARKER = 'BODY-MARKER-c0ffee42'

export const REQUESTS: readonly {
  name: string
  input: EventInput
  status: number
  fails?: boolean
}[] = [
  {
    name: 'form (base64, as AWS sends it)',
    input: {
      body: `param1=value1&param2=${BODY_MARKER}`,
      base64: true,
      contentType: 'application/x-www-form-urlencoded',
    },
    status: 200,
  },
  {
    name: 'json',
    input: { body: `{"Message": "${BODY_MARKER}"}`, contentType: 'application/json' },
    status: 200,
  },
  {
    name: 'malformed json',
    input: { body: `{"Message": "${BODY_MARKER}"`, contentType: 'application/json' },
    status: 400,
  },
  {
    name: 'unsupported type',
    input: { body: `<Message>${BODY_MARKER}</Message>`, contentType: 'application/xml' },
    status: 415,
  },
  { name: 'empty body', input: { body: '', contentType: 'application/json' }, status: 200 },
  {
    name: 'failing business function',
    input: { body: `{"Message": "${BODY_MARKER}"}`, contentType: 'application/json' },
    status: 500,
    fails: true,
  },
]

// Header names in two casings: API Gateway lower-cases them, other callers may not.
const secretHeaders = (n: number): Record<string, string> =>
  n % 2 === 0
    ? {
        authorization: SECRETS.authorization,
        'proxy-authorization': SECRETS.proxyAuthorization,
        cookie: `session=${SECRETS.cookieHeader}; theme=dark`,
        'x-api-key': SECRETS.apiKey,
      }
    : {
        Authorization: SECRETS.authorization,
        'Proxy-Authorization': SECRETS.proxyAuthorization,
        Cookie: `session=${SECRETS.cookieHeader}; theme=dark`,
        'X-Api-Key': SECRETS.apiKey,
      }

// Same chain and logger as `handler`; only the business function differs.
const failing = createHttpHandler({
  auth: 'public',
  handler: () => {
    throw new Error('business function failed')
  },
})

async function main(): Promise<void> {
  const statuses: number[] = []
  for (const [n, request] of REQUESTS.entries()) {
    const event = buildEvent({
      ...request.input,
      headers: secretHeaders(n),
      cookies: [`session=${SECRETS.cookiesArray}`, 'theme=dark'],
    })
    const run = request.fails ? failing : handler
    const result = await run(event, createContext())
    statuses.push(result.statusCode ?? 0)
  }
  await new Promise<void>((resolve, reject) =>
    process.send?.({ statuses }, (error: Error | null) => (error ? reject(error) : resolve())),
  )
  process.disconnect?.()
}

// Only when run as the child: the test imports this module for its constants.
if (import.meta.main) await main()
