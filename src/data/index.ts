// `#data`: what an endpoint that keeps data imports (docs/data.md). Kept out of `#http`, so an
// endpoint without data bundles none of it and loads no AWS SDK.

export { dynamodbErrors } from '../middleware/dynamodb-errors.ts'
export { documents, dynamodb, tableName } from './client.ts'
export { etagOf, ownedKey, versionOf } from './keys.ts'
