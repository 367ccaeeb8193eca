'use strict'

// The service's DynamoDB table and one IAM role per function that uses it, generated from the
// functions' `data:` keys (the DynamoDB actions each one calls, e.g. `data: [GetItem]`).
// The local plugin infra/data-plugin.cjs adds them to the packaged template, gives those functions
// their role and the table's name, and creates the same table in dynalite for `npm start`,
// `npm run invoke` and the tests.
// Why generated roles rather than a plugin such as serverless-iam-roles-per-function: osls gives
// all functions one role; that plugin would need the table, its ARN and each function's
// statements written by hand in YAML, while here table, grants and alarms follow from one short
// declaration, as plain CloudFormation, and a service without `data:` gets none of them.
// What the table holds and how to use it: docs/data.md.

/** What a function may declare, and nothing else: never `dynamodb:*`. */
const ACTIONS = [
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'BatchGetItem',
  'BatchWriteItem',
  'ConditionCheckItem',
]
// Actions that may read through an index; the table has none today, so no index ARN is granted.
const TABLE_ID = 'DataTable'
/** Time-to-live attribute: the idempotency records' expiry (epoch seconds). */
const TTL_ATTRIBUTE = 'expiration'

/** osls's logical-id scheme for a function name (lib/plugins/aws/lib/naming.js). */
const normalizedName = (name) => {
  const safe = name.replace(/-/g, 'Dash').replace(/_/g, 'Underscore')
  return safe.charAt(0).toUpperCase() + safe.slice(1)
}

const roleIdOf = (name) => `${normalizedName(name)}DataRole`

/** The DynamoDB actions a function block declares, checked; [] without `data:`. */
const actionsOf = (name, fn) => {
  const declared = fn?.data
  if (declared === undefined || declared === null) return []
  if (!Array.isArray(declared) || declared.length === 0) {
    throw new Error(`function ${name}: data must be a list of DynamoDB actions, e.g. [GetItem]`)
  }
  for (const action of declared) {
    if (!ACTIONS.includes(action)) {
      throw new Error(`function ${name}: data lists ${action}; one of ${ACTIONS.join(', ')}`)
    }
  }
  return [...new Set(declared)].sort()
}

/** The functions that use the table: name, deployed name and actions. */
const dataFunctions = (functions, service, stage) =>
  Object.entries(functions ?? {})
    .map(([name, fn]) => ({
      name,
      functionName: fn?.name ?? `${service}-${stage}-${name}`,
      actions: actionsOf(name, fn),
    }))
    .filter((fn) => fn.actions.length > 0)

const tableNameOf = (service, stage) => `${service}-${stage}-data`

/**
 * The table's key and attributes, shared by CloudFormation and the local store: `pk` (the owner,
 * e.g. `owner#<subject>`) and `sk` (the item, e.g. `order#<id>`), so every read names its owner.
 */
const tableShape = (tableName) => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
})

const flag = (name, value) => {
  if (value === true || value === 'true') return true
  if (value === false || value === 'false') return false
  throw new Error(`param ${name} must be "true" or "false", not ${JSON.stringify(value)}`)
}

const tableResource = (tableName, retain) => ({
  Type: 'AWS::DynamoDB::Table',
  // Kept when the stack is deleted or the table replaced, except on a throw-away stage
  // (`dataRetain: "false"` in its params).
  DeletionPolicy: retain ? 'Retain' : 'Delete',
  UpdateReplacePolicy: retain ? 'Retain' : 'Delete',
  Properties: {
    ...tableShape(tableName),
    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    // A KMS key (AWS managed, aws/dynamodb) rather than the default AWS-owned one: its use shows
    // in CloudTrail.
    SSESpecification: { SSEEnabled: true },
    DeletionProtectionEnabled: retain,
    TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
  },
})

const logArn = (functionName, suffix) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/${functionName}${suffix}`,
})

/** A role of the function's own: its log group, as osls grants it, and its declared actions. */
const roleResource = (fn) => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: ['lambda.amazonaws.com'] },
          Action: ['sts:AssumeRole'],
        },
      ],
    },
    Policies: [
      {
        PolicyName: 'logs-and-data',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:TagResource'],
              Resource: [logArn(fn.functionName, ':*')],
            },
            {
              Effect: 'Allow',
              Action: ['logs:PutLogEvents'],
              Resource: [logArn(fn.functionName, ':*:*')],
            },
            {
              Effect: 'Allow',
              Action: fn.actions.map((action) => `dynamodb:${action}`),
              Resource: [{ 'Fn::GetAtt': [TABLE_ID, 'Arn'] }],
            },
          ],
        },
      },
    ],
  },
})

/** Table, roles and output, or nothing when no function declares `data:`. */
const dataResources = ({ service, stage, functions, retain }) => {
  const users = dataFunctions(functions, service, stage)
  if (users.length === 0) return { Resources: {}, Outputs: {}, users }
  const Resources = { [TABLE_ID]: tableResource(tableNameOf(service, stage), retain) }
  for (const fn of users) Resources[roleIdOf(fn.name)] = roleResource(fn)
  return { Resources, Outputs: { DataTableName: { Value: { Ref: TABLE_ID } } }, users }
}

module.exports = {
  ACTIONS,
  TABLE_ID,
  TTL_ATTRIBUTE,
  actionsOf,
  dataFunctions,
  dataResources,
  flag,
  normalizedName,
  roleIdOf,
  tableNameOf,
  tableShape,
}
