import { readFileSync } from 'node:fs'
import type { APIGatewayProxyEventV2 } from 'aws-lambda'

const EVENTS_DIR = new URL('../../events/', import.meta.url)

/** One of the checked-in API Gateway v2 events in `events/`, fresh on every call. */
export const loadEvent = (name: string): APIGatewayProxyEventV2 =>
  JSON.parse(readFileSync(new URL(`${name}.json`, EVENTS_DIR), 'utf8'))

export interface EventInput {
  /** Body as sent by the client; encoded to base64 when `base64` is true. */
  body?: string | Buffer | null
  base64?: boolean
  contentType?: string
  headers?: Record<string, string>
  cookies?: string[]
  method?: string
  requestId?: string
}

let counter = 0

/**
 * Builds an HTTP API payload-2.0 event the way API Gateway does: lower-cased header names,
 * a content-length, base64 bodies flagged with `isBase64Encoded`, `cookies` split out.
 */
export const buildEvent = (input: EventInput = {}): APIGatewayProxyEventV2 => {
  const method = input.method ?? 'POST'
  const requestId = input.requestId ?? `req-${++counter}`
  const raw = input.body
  const bytes = raw === undefined || raw === null ? undefined : Buffer.from(raw)
  const headers: Record<string, string> = {
    accept: '*/*',
    host: 'abc123.execute-api.eu-central-1.amazonaws.com',
    'user-agent': 'curl/8.5.0',
    'x-forwarded-for': '203.0.113.10',
    'x-forwarded-proto': 'https',
  }
  if (bytes) headers['content-length'] = String(bytes.length)
  if (input.contentType !== undefined) headers['content-type'] = input.contentType
  Object.assign(headers, input.headers)
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: 'POST /example',
    rawPath: '/example',
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-central-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: {
        method,
        path: '/example',
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.10',
        userAgent: 'curl/8.5.0',
      },
      requestId,
      routeKey: 'POST /example',
      stage: '$default',
      time: '29/Nov/2026:13:00:00 +0000',
      timeEpoch: 1795957200000,
    },
    isBase64Encoded: input.base64 ?? false,
  }
  if (input.cookies) event.cookies = input.cookies
  if (raw === null) (event as { body: unknown }).body = null
  else if (bytes) event.body = input.base64 ? bytes.toString('base64') : bytes.toString('utf8')
  else if (raw === '') event.body = ''
  return event
}
