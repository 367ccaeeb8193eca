// The subset of autocannon 9's API that the load run uses: the package ships no types, and a
// typed require keeps them local instead of declaring the module for the whole project.
import { createRequire } from 'node:module'

export interface AutocannonRequest {
  method: string
  path: string
  setupRequest(req: AutocannonRequestData, context: TagContext): AutocannonRequestData
  onResponse(status: number, body: string, context: TagContext): void
}
export interface AutocannonRequestData {
  headers: Record<string, string>
  body?: string | Buffer
}
export interface TagContext {
  tag?: string
}
export interface AutocannonResult {
  errors: number
  timeouts: number
  mismatches: number
  non2xx: number
  duration: number
  statusCodeStats: Record<string, { count: number }>
  latency: { p50: number; p99: number; max: number; average: number }
  requests: { average: number; total: number; sent: number }
}
export interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  stop(): void
}
export type Autocannon = (options: {
  url: string
  connections: number
  amount: number
  timeout: number
  requests: AutocannonRequest[]
}) => AutocannonInstance
export const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon
