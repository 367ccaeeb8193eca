import { createHttpHandler } from '../lib/http-handler.ts'

/** The business function: everything HTTP (decoding, parsing, errors, logging) is the chain's job. */
export const example = () => ({ message: 'ok' })

export const handler = createHttpHandler(example, {
  headers: { 'x-custom-header': 'my custom header value' },
})
