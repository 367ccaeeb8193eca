import { createHttpHandler } from '#http'

/** The business function: everything HTTP (decoding, parsing, errors, logging) is the chain's job. */
export const example = () => ({ message: 'ok' })

export const handler = createHttpHandler({
  handler: example,
  auth: 'public',
  response: { headers: { 'x-custom-header': 'my custom header value' } },
})
