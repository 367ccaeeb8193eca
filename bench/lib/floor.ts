// The benchmark's floor: the service's contract for POST /example written as one plain function,
// with no Middy and no Powertools. `npm run bench` builds it with the deploy options and compares
// it with the real handler, so the ratio is what the chain and the logger cost.
//
// It reuses the service's own plain helpers (body.ts, media-type.ts, headers.ts, config.ts): they
// are neither Middy nor Powertools, the service needs them whatever framework runs them, and
// sharing them keeps the floor's decoding byte-for-byte the service's (strict base64, UTF-8
// check, charsets), so the two cannot drift apart and the ratio isolates the framework.
import { parse as parseQuery } from 'node:querystring'
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda'
import { BodyDecodeError, bodyByteLength, decodeBodyText } from '../../src/lib/body.ts'
import { bodyLimitBytes } from '../../src/lib/config.ts'
import { formDecoder, MAX_FORM_PAIRS, tooManyPairs } from '../../src/lib/form.ts'
import { getHeader } from '../../src/lib/headers.ts'
import {
  ACCEPTED_MEDIA_TYPES,
  parseMediaType,
  unsupportedReason,
} from '../../src/lib/media-type.ts'

type Result = APIGatewayProxyStructuredResultV2

// Read once at load, as Powertools does for these.
const SERVICE = process.env.POWERTOOLS_SERVICE_NAME || 'service_undefined'
const MAX_BYTES = bodyLimitBytes()
// The service's SECURITY_HEADERS, restated: the floor imports nothing of the chain.
const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
}
const SUCCESS_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'x-custom-header': 'my custom header value',
  ...SECURITY_HEADERS,
}
// The only titles the contract can produce; importing node:http for STATUS_CODES would add
// load cost that a floor should not have.
const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
}
// Deeper JSON gets 400. Plain JSON.parse accepts any depth, but Middy's reviver-based parser
// overflows the stack at ~2,300 levels (→ 400 in the service), and so would any recursive code
// handed such a value later.
const MAX_DEPTH = 2000

let coldStart = process.env.AWS_LAMBDA_INITIALIZATION_TYPE === 'on-demand'

class ClientError extends Error {
  readonly status: number
  readonly headers: Record<string, string> | undefined
  constructor(status: number, message: string, headers?: Record<string, string>) {
    super(message)
    this.status = status
    this.headers = headers
  }
}

type Verdict = 'ok' | 'forbidden' | 'too deep'

/**
 * Middy's jsonParseProtectProto rule (`__proto__`, or `constructor` holding `prototype`, at any
 * depth) checked by walking the parsed value instead of a JSON.parse reviver, which makes
 * JSON.parse ~7× slower on a 64 KiB body; the walk costs a few percent. Iterative, so depth
 * cannot overflow the stack.
 */
const checkJson = (root: unknown): Verdict => {
  const values = [root]
  const depths = [0]
  while (values.length > 0) {
    const value = values.pop()
    const depth = depths.pop() ?? 0
    if (typeof value !== 'object' || value === null) continue
    if (depth >= MAX_DEPTH) return 'too deep'
    if (Array.isArray(value)) {
      for (const item of value) {
        values.push(item)
        depths.push(depth + 1)
      }
      continue
    }
    const record = value as Record<string, unknown>
    for (const key of Object.keys(record)) {
      const child = record[key]
      if (key === '__proto__') return 'forbidden'
      if (key === 'constructor' && child && Object.hasOwn(child, 'prototype')) return 'forbidden'
      values.push(child)
      depths.push(depth + 1)
    }
  }
  return 'ok'
}

const parseJson = (text: string): unknown => {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new ClientError(400, 'Invalid or malformed JSON was provided')
  }
  const verdict = checkJson(value)
  if (verdict === 'forbidden') throw new ClientError(400, 'Forbidden key in JSON body')
  if (verdict === 'too deep') throw new ClientError(400, `JSON nested deeper than ${MAX_DEPTH}`)
  return value
}

const unsupported = (header: string | undefined): ClientError => {
  return new ClientError(415, unsupportedReason(header), {
    'accept-post': ACCEPTED_MEDIA_TYPES,
  })
}

const parseBody = (event: APIGatewayProxyEventV2, header: string | undefined, bytes: number) => {
  if (bytes > MAX_BYTES) {
    throw new ClientError(413, `Request body is ${bytes} bytes; the limit is ${MAX_BYTES} bytes`)
  }
  const { body } = event
  if (body === undefined || body === null || body === '') return undefined
  const mediaType = header === undefined ? undefined : parseMediaType(header)
  if (mediaType === undefined) throw unsupported(header)
  let text: string
  try {
    text = decodeBodyText(body, event.isBase64Encoded, mediaType.charset)
  } catch (error) {
    if (error instanceof BodyDecodeError) throw new ClientError(400, error.message)
    throw error
  }
  if (mediaType.kind === 'json') return parseJson(text)
  if (mediaType.kind === 'form') {
    if (tooManyPairs(text))
      throw new ClientError(413, `Form has more than ${MAX_FORM_PAIRS} fields`)
    return mediaType.charset === 'utf-8'
      ? parseQuery(text)
      : parseQuery(text, '&', '=', { decodeURIComponent: formDecoder(mediaType.charset) })
  }
  return text
}

/** One JSON line with the fields a Powertools line carries, written with plain JSON.stringify. */
const writeLine = (
  stream: NodeJS.WritableStream,
  level: string,
  message: string,
  base: { cold: boolean; context: Context; requestId: string },
  extra: Record<string, unknown>,
): void => {
  const { context } = base
  const line = {
    level,
    message,
    timestamp: new Date().toISOString(),
    service: SERVICE,
    cold_start: base.cold,
    function_arn: context.invokedFunctionArn,
    function_memory_size: context.memoryLimitInMB,
    function_name: context.functionName,
    function_request_id: context.awsRequestId,
    sampling_rate: 0,
    xray_trace_id: process.env._X_AMZN_TRACE_ID?.split(';', 1)[0]?.replace('Root=', ''),
    correlation_id: base.requestId,
    ...extra,
  }
  stream.write(`${JSON.stringify(line)}\n`)
}

const problem = (status: number, detail: string, requestId: string, headers = {}): Result => ({
  statusCode: status,
  headers: { ...headers, ...SECURITY_HEADERS, 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: 'about:blank', title: TITLES[status], status, detail, requestId }),
})

/** The business function, as in src/handlers/example.ts and tests/fixtures/endpoint.ts. */
const example = (_body: unknown) => ({ message: 'ok' })

export const handler = async (event: APIGatewayProxyEventV2, context: Context): Promise<Result> => {
  const startedAt = performance.now()
  const base = {
    cold: coldStart,
    context,
    requestId: event.requestContext?.requestId ?? context.awsRequestId,
  }
  coldStart = false
  const contentType = getHeader(event.headers, 'content-type')
  const bodyBytes = bodyByteLength(event.body, event.isBase64Encoded)
  let result: Result
  try {
    const data = await example(parseBody(event, contentType, bodyBytes))
    result = { statusCode: 200, headers: SUCCESS_HEADERS, body: JSON.stringify(data ?? null) }
  } catch (error) {
    if (error instanceof ClientError) {
      writeLine(process.stderr, 'WARN', 'request rejected', base, {
        status: error.status,
        reason: error.message,
      })
      result = problem(error.status, error.message, base.requestId, error.headers)
    } else {
      const stack = error instanceof Error ? error.stack : String(error)
      writeLine(process.stderr, 'ERROR', 'request failed', base, { status: 500, error: { stack } })
      result = problem(500, TITLES[500] ?? '', base.requestId)
    }
  }
  const http = event.requestContext?.http
  writeLine(process.stdout, 'INFO', 'request completed', base, {
    http: {
      method: http?.method,
      routeKey: event.routeKey,
      status: result.statusCode,
      contentType,
      bodyBytes,
      durationMs: Math.round((performance.now() - startedAt) * 1000) / 1000,
      sourceIp: http?.sourceIp,
      userAgent: http?.userAgent,
    },
  })
  return result
}
