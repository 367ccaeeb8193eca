// What openapi.json says each route answers is what its function answers: every function that
// serverless.yml routes is invoked in-process with the requests its declaration and the document
// let a check build (refusals the chain decides alone, and a request its schemas accept), and each
// answer must be documented for that operation: status, media type, headers, body schema.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { readServerlessConfig } from '../../scripts/lib/serverless-config.ts'
import { projectRoot } from '../../scripts/lib/sls.ts'
import { OPENAPI_FILE } from '../../scripts/openapi/document.ts'
import { describeContracts } from '../helpers/contract-suite.ts'
import type { OpenApiDocument } from '../helpers/openapi.ts'

const document = JSON.parse(
  readFileSync(path.join(projectRoot, OPENAPI_FILE), 'utf8'),
) as OpenApiDocument

await describeContracts(
  `each function serverless.yml routes answers what ${OPENAPI_FILE} documents`,
  projectRoot,
  readServerlessConfig().functions,
  document,
)
