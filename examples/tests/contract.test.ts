// The contract check over the examples' endpoints, declared as their function blocks say, against
// the document `npm run openapi` would write once they are added.
import { functionsOf } from '../../scripts/lib/serverless-config.ts'
import { projectRoot } from '../../scripts/lib/sls.ts'
import { buildOpenApi } from '../../scripts/openapi/document.ts'
import { describeContracts } from '../../tests/helpers/contract-suite.ts'
import type { OpenApiDocument } from '../../tests/helpers/openapi.ts'
import { exampleFunction, ORDERS_FUNCTION } from './examples.ts'

// examples/widgets.ts has no function blocks of its own: its routes, as a fork would declare them.
const widgets = functionsOf(
  Object.fromEntries(
    (['put', 'get'] as const).map((verb) => [
      `${verb}Widget`,
      {
        handler: `examples/widgets.${verb}`,
        events: [
          {
            httpApi: {
              method: verb.toUpperCase(),
              path: '/widgets/{id}',
              authorizer: {
                name: 'jwt',
                scopes: [verb === 'put' ? 'widgets:write' : 'widgets:read'],
              },
            },
          },
        ],
      },
    ]),
  ),
)
const functions = [ORDERS_FUNCTION, exampleFunction('whoami'), ...widgets]
const document = (await buildOpenApi({ functions })) as unknown as OpenApiDocument

await describeContracts(
  'each example answers what its OpenAPI document says',
  projectRoot,
  functions,
  document,
)
