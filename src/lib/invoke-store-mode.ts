// Stands in for @aws-lambda-powertools/commons' envUtils.js where its InvocationScoped.js imports
// it (esbuild.config.cjs `plugins`), and nowhere else. InvocationScoped holds every Logger's
// per-invocation state (keys, level, context) and asks `shouldUseInvokeStore()` on every access,
// which reads AWS_LAMBDA_MAX_CONCURRENCY from `process.env` each time: 15-20 environment reads a
// request in this chain, a fifth of a warm request (docs/performance.md). Lambda sets the variable
// before the runtime starts and never changes it, so it is read once, at the first access.
// InvocationScoped importing any other name from here fails the build.
import { shouldUseInvokeStore as readFromEnvironment } from '@aws-lambda-powertools/commons/utils/env'

let concurrent: boolean | undefined

/** Powertools' own answer, read on the first call and remembered. */
export const shouldUseInvokeStore = (): boolean => {
  concurrent ??= readFromEnvironment()
  return concurrent
}
