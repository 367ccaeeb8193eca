import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency'
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb'
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware'
import { createError } from '@middy/util'
import { dynamodb, tableName } from '../data/client.ts'
import type { Documented } from '../http/endpoint.ts'
import type { HttpMiddleware, HttpResult } from '../lib/types.ts'
import { dynamodbAnswer } from './dynamodb-errors.ts'

export interface IdempotencyOptions {
  /** How long a key is remembered after its request succeeded (default 24 h). */
  expiresAfterSeconds?: number
}

const defaults: Required<IdempotencyOptions> = { expiresAfterSeconds: 24 * 60 * 60 }

/** The header a client sends; a request without it runs as usual. */
export const IDEMPOTENCY_HEADER = 'idempotency-key'
/** Sent on a replayed response. */
export const REPLAYED_HEADER = 'idempotency-replayed'

// The key is the caller's subject with the header's value, so two callers choosing the same key
// never see each other's response; null (no header) lets the request through unremembered.
const KEY_PATH = `headers."${IDEMPOTENCY_HEADER}" && [requestContext.authorizer.jwt.claims.sub, headers."${IDEMPOTENCY_HEADER}"]`

/** The header and the replay as openapi.json describes them (`npm run openapi`). */
const documentation = (seconds: number): Documented => ({
  parameters: [
    {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: `Makes a retry safe: a request with a key this caller used in the last ${seconds} s gets that request's response again, without running it again (\`Idempotency-Replayed: true\`); with another body, 422; while the first still runs, 409. A failed request is forgotten.`,
      schema: { type: 'string', minLength: 1 },
    },
  ],
  headers: {
    [REPLAYED_HEADER]: {
      description: 'Present on a response replayed for a repeated Idempotency-Key.',
      required: false,
      schema: { type: 'string', const: 'true' },
    },
  },
})

/** Thrown by Powertools before the business function: a conflict with a remembered request. */
const CONFLICTS: Readonly<Record<string, [number, string]>> = {
  IdempotencyAlreadyInProgressError: [409, 'A request with this Idempotency-Key is in progress'],
  IdempotencyValidationError: [422, 'This Idempotency-Key was used with another request body'],
}

/**
 * `Idempotency-Key` for an endpoint (`middlewares: [idempotency()]`): Powertools' idempotency
 * middleware with its DynamoDB persistence layer, on the service's table. The same key with the
 * same body (compared as parsed) replays the first success response without running the business
 * function; with another body it is 422; while the first is still running, 409. A failed request
 * is forgotten, so its retry runs again. Custom around Powertools for three things it leaves to
 * us: its errors become those statuses, its `onError` must not delete the first request's record
 * when a duplicate is refused, and its persistence errors get the DynamoDB answers (503 …).
 */
export const idempotency = (
  options: IdempotencyOptions = {},
): HttpMiddleware & { openApi: Documented } => {
  const { expiresAfterSeconds } = { ...defaults, ...options }
  // Made on the first request, not at import: `npm run openapi` loads the endpoint without a table.
  const makeStock = () =>
    makeHandlerIdempotent({
      persistenceStore: new DynamoDBPersistenceLayer({
        tableName: tableName(),
        keyAttr: 'pk',
        sortKeyAttr: 'sk',
        awsSdkV3Client: dynamodb,
      }),
      config: new IdempotencyConfig({
        eventKeyJmesPath: KEY_PATH,
        payloadValidationJmesPath: 'body',
        expiresAfterSeconds,
        responseHook: (response) => {
          const result = response as HttpResult
          return { ...result, headers: { ...result.headers, [REPLAYED_HEADER]: 'true' } }
        },
      }),
    })

  let stock: ReturnType<typeof makeHandlerIdempotent> | undefined
  const idempotencyBefore: HttpMiddleware['before'] = (request) => {
    stock ??= makeStock()
    return stock.before?.(request as never) as ReturnType<NonNullable<HttpMiddleware['before']>>
  }
  const idempotencyAfter: HttpMiddleware['after'] = (request) =>
    stock?.after?.(request as never) as ReturnType<NonNullable<HttpMiddleware['after']>>

  const idempotencyOnError: HttpMiddleware['onError'] = async (request) => {
    const { error } = request
    const conflict = error instanceof Error ? CONFLICTS[error.name] : undefined
    if (conflict) {
      request.error = createError(conflict[0], conflict[1])
      return
    }
    const cause = error instanceof Error ? error.cause : undefined
    if (error instanceof Error && error.name === 'IdempotencyPersistenceLayerError') {
      request.error = dynamodbAnswer(cause) ?? error
      return
    }
    await stock?.onError?.(request as never)
  }

  return {
    openApi: documentation(expiresAfterSeconds),
    before: idempotencyBefore,
    after: idempotencyAfter,
    onError: idempotencyOnError,
  }
}
