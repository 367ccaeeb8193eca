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

const measure = async (module: string): Promise<ValidationCost> => {
  const { handler } = (await import(module)) as { handler: HttpHandler }
  const validate = createValidator(handler.endpoint.schemas)
  if (!validate) throw new Error(`${module} declares no schema`)
  const body: unknown = JSON.parse(hostileOrder())
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const heap = process.memoryUsage().heapUsed
  const cpu = process.cpuUsage()
  let error: { statusCode?: number; message?: string; errors?: unknown[] } = {}
  try {
    await validate({ body, query: {}, path: {} })
  } catch (thrown) {
    error = thrown as typeof error
  }
  const used = process.cpuUsage(cpu)
  return {
    status: error.statusCode,
    message: String(error.message),
    listed: error.errors?.length ?? 0,
    cpuMs: (used.user + used.system) / 1000,
    heapMiB: (process.memoryUsage().heapUsed - heap) / 2 ** 20,
  }
}

// The whole request as a client sends it (a verified token, the raw 1 MiB text): parsing included.
const measureRequest = async (module: string): Promise<ValidationCost> => {
  const { handler } = (await import(module)) as { handler: HttpHandler }
  const { invoke } = await import('./invoke.ts')
  const { buildEvent, ORDERS_WRITER } = await import('../fixtures/events.ts')
  const event = () =>
    buildEvent({ body: hostileOrder(), contentType: 'application/json', jwt: ORDERS_WRITER })
  await invoke(
    handler,
    buildEvent({ body: '{}', contentType: 'application/json', jwt: ORDERS_WRITER }),
  )
  const request = event()
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const heap = process.memoryUsage().heapUsed
  const cpu = process.cpuUsage()
  const response = await invoke(handler, request)
  const used = process.cpuUsage(cpu)
  const problem = JSON.parse(response.body ?? '{}') as { detail?: string; errors?: unknown[] }
  return {
    status: response.statusCode,
    message: String(problem.detail),
    listed: problem.errors?.length ?? 0,
    cpuMs: (used.user + used.system) / 1000,
    heapMiB: (process.memoryUsage().heapUsed - heap) / 2 ** 20,
  }
}

// `node --expose-gc tests/helpers/validation-cost.ts <module> [--request]`: the validation step
// alone, or with --request the whole request through the chain.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [module = '', mode] = process.argv.slice(2)
  const cost = mode === '--request' ? await measureRequest(module) : await measure(module)
  process.stdout.write(`${JSON.stringify(cost)}\n`)
}
