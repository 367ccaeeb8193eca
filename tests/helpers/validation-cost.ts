// Run as a child process (`node --expose-gc validation-cost.ts <module>`): the CPU time and heap one
// hostile body's validation costs, measured in a process of its own so that nothing else the test
// runner does lands in the figures. Prints one JSON line.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { HttpHandler } from '../../src/http/create-http-handler.ts'
import { createValidator } from '../../src/http/validate-input.ts'

/** About 1 MiB of JSON: the order's list holds ~350,000 empty objects, each invalid twice over. */
export const hostileOrder = (bytes = 1024 * 1024): string => {
  const head = '{"email":"ada@example.com","items":['
  const count = Math.floor((bytes - head.length - 2) / 3)
  return `${head}${Array(count).fill('{}').join(',')}]}`
}

export interface ValidationCost {
  status: number | undefined
  /** Issues the schema counted, and the fields the 422 lists. */
  message: string
  listed: number
  cpuMs: number
  heapMiB: number
}

/** Measures the validation of `hostileOrder()` by the body schema of the handler `module` exports. */
export const validationCost = async (module: string): Promise<ValidationCost> => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', fileURLToPath(import.meta.url), module],
    { maxBuffer: 1024 * 1024 },
  )
  return JSON.parse(stdout) as ValidationCost
}

interface Outcome {
  status: number | undefined
  detail: unknown
  errors: unknown[] | undefined
}

/** CPU and heap that `work` costs, from a collected heap. */
const costOf = async (work: () => Promise<Outcome>): Promise<ValidationCost> => {
  ;(globalThis as { gc?: () => void }).gc?.()
  const heap = process.memoryUsage().heapUsed
  const cpu = process.cpuUsage()
  const { status, detail, errors } = await work()
  const used = process.cpuUsage(cpu)
  return {
    status,
    message: String(detail),
    listed: errors?.length ?? 0,
    cpuMs: (used.user + used.system) / 1000,
    heapMiB: (process.memoryUsage().heapUsed - heap) / 2 ** 20,
  }
}

// The validation step alone, on the parsed body.
const measure = async (module: string): Promise<ValidationCost> => {
  const { handler } = (await import(module)) as { handler: HttpHandler }
  const validate = createValidator(handler.endpoint.schemas)
  if (!validate) throw new Error(`${module} declares no schema`)
  const body: unknown = JSON.parse(hostileOrder())
  return costOf(async () => {
    try {
      await validate({ body, query: {}, path: {} })
      return { status: undefined, detail: undefined, errors: undefined }
    } catch (thrown) {
      const error = thrown as { statusCode?: number; message?: string; errors?: unknown[] }
      return { status: error.statusCode, detail: error.message, errors: error.errors }
    }
  })
}

// The whole request as a client sends it (a verified token, the raw 1 MiB text): parsing included.
const measureRequest = async (module: string): Promise<ValidationCost> => {
  const { handler } = (await import(module)) as { handler: HttpHandler }
  const { invoke } = await import('./invoke.ts')
  const { buildEvent, ORDERS_WRITER } = await import('../fixtures/events.ts')
  const request = (body: string) =>
    buildEvent({ body, contentType: 'application/json', jwt: ORDERS_WRITER })
  await invoke(handler, request('{}'))
  const hostile = request(hostileOrder())
  return costOf(async () => {
    const response = await invoke(handler, hostile)
    const problem = JSON.parse(response.body ?? '{}') as { detail?: string; errors?: unknown[] }
    return { status: response.statusCode, detail: problem.detail, errors: problem.errors }
  })
}

// `node --expose-gc tests/helpers/validation-cost.ts <module> [--request]`: the validation step
// alone, or with --request the whole request through the chain.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [module = '', mode] = process.argv.slice(2)
  const cost = mode === '--request' ? await measureRequest(module) : await measure(module)
  process.stdout.write(`${JSON.stringify(cost)}\n`)
}
