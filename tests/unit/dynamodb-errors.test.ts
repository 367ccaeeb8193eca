// The answer for each kind of AWS SDK error, on the SDK's own error classes (pure mapping: what
// DynamoDB itself decides is tested against the local store, in tests/data/ and examples/tests/).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb'
import { dynamodbAnswer } from '../../src/middleware/dynamodb-errors.ts'

const $metadata = { httpStatusCode: 400, requestId: 'AWSREQ123' }
type Answer = { statusCode?: number; headers?: Record<string, string>; message?: string }
const fields = (error: Error | undefined): Answer => ({
  ...(error as Answer),
  message: error?.message,
})

describe('dynamodbAnswer', () => {
  it('answers throttling 503 with Retry-After, naming the error and AWS request id only in the message', () => {
    const error = new ProvisionedThroughputExceededException({
      message: 'table orders-prod',
      $metadata,
    })
    const answer = fields(dynamodbAnswer(error))
    assert.equal(answer.statusCode, 503)
    assert.deepEqual(answer.headers, { 'retry-after': '1' })
    assert.equal(
      answer.message,
      'DynamoDB ProvisionedThroughputExceededException (AWS request AWSREQ123)',
    )
  })

  it('treats a refused connection as unavailable', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    })
    assert.equal(fields(dynamodbAnswer(error)).statusCode, 503)
  })

  it('answers a failed condition with the status the endpoint declares, exposing no key or item', () => {
    const error = new ConditionalCheckFailedException({ message: 'pk owner#ada', $metadata })
    const answer = fields(dynamodbAnswer(error, { conditionFailed: 412 }))
    assert.equal(answer.statusCode, 412)
    assert.ok(!answer.message?.includes('owner#ada'))
    assert.equal(fields(dynamodbAnswer(error)).statusCode, 409)
  })

  it('leaves any other SDK error a 500 defect whose message names it and the request id', () => {
    const error = new ResourceNotFoundException({
      message: 'Requested resource not found: orders',
      $metadata,
    })
    const answer = dynamodbAnswer(error)
    assert.ok(answer instanceof Error)
    assert.equal((answer as { statusCode?: number }).statusCode, undefined)
    assert.equal(answer.message, 'DynamoDB ResourceNotFoundException (AWS request AWSREQ123)')
    assert.equal(answer.cause, error)
  })

  it('leaves values that are no SDK error alone', () => {
    assert.equal(dynamodbAnswer(new Error('plain')), undefined)
    assert.equal(dynamodbAnswer('text'), undefined)
  })
})
