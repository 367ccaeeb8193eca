import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'

/**
 * Per attempt: a call that hangs fails here, not at the Lambda deadline. Three attempts with the
 * SDK's backoff end within ~6.5 s, far inside the 29 s timeout less TIMEOUT_MARGIN_MS; the chain's
 * 504 there only ever catches the business function's own slowness.
 */
export const CLIENT_TIMEOUTS = { connectionTimeout: 1_000, requestTimeout: 2_000 } as const
/** First try plus two retries (throttling, 5xx, timeouts), with the SDK's jittered backoff. */
export const MAX_ATTEMPTS = 3

// DYNAMODB_ENDPOINT is set only off AWS (npm start, npm run invoke, the tests: infra/data-plugin.cjs),
// where the local store takes any credentials; on Lambda the role's credentials are used.
const endpoint = process.env.DYNAMODB_ENDPOINT || undefined

/** The low-level client: one per container, reused by every request (and by idempotency). */
export const dynamodb = new DynamoDBClient({
  maxAttempts: MAX_ATTEMPTS,
  requestHandler: CLIENT_TIMEOUTS,
  ...(endpoint && {
    endpoint,
    region: process.env.AWS_REGION || 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
})

/** Plain JavaScript values in and out; `undefined` attributes are left out rather than refused. */
export const documents = DynamoDBDocumentClient.from(dynamodb, {
  marshallOptions: { removeUndefinedValues: true },
})

/** The table's name (DATA_TABLE, set for functions that declare `data:` in serverless.yml). */
export const tableName = (): string => {
  const name = process.env.DATA_TABLE
  if (!name) throw new Error('DATA_TABLE is not set: declare `data:` in the function block')
  return name
}
