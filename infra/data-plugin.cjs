'use strict'

// Local serverless plugin for the table infra/data.cjs generates from the functions' `data:` keys.
// - Any command: accepts `data:` in a function block, and gives each such function its own role
//   and the table's name (DATA_TABLE).
// - package/deploy: adds the table and the roles to the template.
// - `offline start` (npm start) and `invoke local` (npm run invoke): starts dynalite in this process
//   on a free loopback port, creates the same table there, and points the functions at it
//   (DYNAMODB_ENDPOINT). It lives in memory and dies with the process: nothing is kept between
//   starts. A DYNAMODB_ENDPOINT already set in the shell is used instead (e.g. DynamoDB Local).
// A service whose functions declare no `data:` gets none of this.

const { ACTIONS, dataFunctions, dataResources, flag, roleIdOf, tableNameOf, tableShape } =
  require('./data.cjs')

/** Starts dynalite on 127.0.0.1:<free port> with the table; resolves to its endpoint. */
const startLocalStore = async (shape) => {
  const dynalite = require('dynalite')
  const { DynamoDBClient, CreateTableCommand } = require('@aws-sdk/client-dynamodb')
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  // Never what keeps the process alive: it ends with serverless-offline or the invocation.
  server.unref()
  const endpoint = `http://127.0.0.1:${server.address().port}`
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  })
  await client.send(new CreateTableCommand(shape))
  client.destroy()
  return { endpoint, close: () => new Promise((resolve) => server.close(resolve)) }
}

class DataPlugin {
  constructor(serverless, _options, utils) {
    this.serverless = serverless
    this.log = utils?.log ?? console
    this.store = undefined
    serverless.configSchemaHandler.defineFunctionProperties('aws', {
      properties: {
        data: { type: 'array', items: { enum: ACTIONS }, minItems: 1, uniqueItems: true },
      },
    })
    this.hooks = {
      initialize: () => this.wire(),
      'package:compileEvents': () => this.addResources(),
      'before:offline:start:init': () => this.startLocal(),
      'before:offline:start': () => this.startLocal(),
      'offline:start:end': () => this.stopLocal(),
      'before:invoke:local:invoke': () => this.startLocal(),
      'after:invoke:local:invoke': () => this.stopLocal(),
    }
  }

  get context() {
    const { service } = this.serverless
    const stage = this.serverless.getProvider('aws').getStage()
    return { service: service.service, stage, functions: service.functions }
  }

  users() {
    const { service, stage, functions } = this.context
    return dataFunctions(functions, service, stage)
  }

  /** Role and table name for each function that declares `data:`. */
  wire() {
    const { service, stage, functions } = this.context
    for (const fn of this.users()) {
      const block = functions[fn.name]
      block.role = roleIdOf(fn.name)
      block.environment = { ...block.environment, DATA_TABLE: tableNameOf(service, stage) }
    }
  }

  addResources() {
    const { service, stage, functions } = this.context
    // serverless.yml: `custom.data.retain: ${param:dataRetain}`, resolved by osls.
    const retain = flag('dataRetain', this.serverless.service.custom?.data?.retain ?? 'true')
    const { Resources, Outputs } = dataResources({ service, stage, functions, retain })
    const template = this.serverless.service.provider.compiledCloudFormationTemplate
    Object.assign(template.Resources, Resources)
    template.Outputs = { ...template.Outputs, ...Outputs }
  }

  async startLocal() {
    if (this.store || this.users().length === 0) return
    const { service, stage } = this.context
    let endpoint = process.env.DYNAMODB_ENDPOINT
    if (!endpoint) {
      this.store = await startLocalStore(tableShape(tableNameOf(service, stage)))
      endpoint = this.store.endpoint
      this.log.notice(`DynamoDB local store (dynalite, in memory, gone at exit): ${endpoint}`)
    } else {
      this.store = { endpoint, close: async () => {} }
    }
    for (const fn of this.users()) {
      const block = this.serverless.service.functions[fn.name]
      block.environment = { ...block.environment, DYNAMODB_ENDPOINT: endpoint }
    }
    // invoke local runs the handler in this process, with process.env as the function's.
    process.env.DYNAMODB_ENDPOINT = endpoint
  }

  async stopLocal() {
    const store = this.store
    this.store = undefined
    if (store) await store.close()
  }
}

module.exports = DataPlugin
