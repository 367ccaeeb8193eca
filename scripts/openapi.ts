// `npm run openapi`: writes openapi.json from serverless.yml and the handlers' declarations.
// `npm run openapi -- --check` only compares, and exits 1 when the committed file is stale.
// `npm run openapi -- --issuer https://cognito-idp.<region>.amazonaws.com/<poolId>` names a deployed
// stage's issuer in the security scheme instead of the local development one.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { readServerlessConfig } from './lib/serverless-config.ts'
import { projectRoot } from './lib/sls.ts'
import { buildOpenApi, OPENAPI_FILE, serialize } from './openapi/document.ts'
import { CONVERSION_ADVICE, schemaProblems } from './openapi/schema-problems.ts'

const { values } = parseArgs({
  options: { check: { type: 'boolean', default: false }, issuer: { type: 'string' } },
})
const file = path.join(projectRoot, OPENAPI_FILE)
const text = await buildOpenApi({ issuer: values.issuer }).then(serialize, async (error) => {
  const problems = await schemaProblems(readServerlessConfig().functions, projectRoot)
  if (problems.length === 0) throw error
  console.error(
    [
      `${OPENAPI_FILE} not written: ${problems.length === 1 ? 'a schema' : 'schemas'} it cannot describe:`,
      ...problems.map((problem) => `  - ${problem}`),
      CONVERSION_ADVICE,
    ].join('\n'),
  )
  process.exit(1)
})

if (values.check) {
  let current = ''
  try {
    current = readFileSync(file, 'utf8')
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    console.error(`${OPENAPI_FILE} is stale: run \`npm run openapi\` and commit it`)
    process.exitCode = 1
  } else {
    console.log(`${OPENAPI_FILE} is up to date`)
  }
} else {
  writeFileSync(file, text)
  const paths = Object.keys((JSON.parse(text) as { paths: object }).paths).length
  console.log(`wrote ${OPENAPI_FILE} (${paths} path${paths === 1 ? '' : 's'})`)
}
