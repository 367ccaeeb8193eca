// A local osls plugin (serverless.yml lists `./scripts/build-guard.cjs`, which loads this file)
// that stops a mistake where a user meets it first, before anything is built: `npm run package`,
// `serverless deploy` and `npm start`. It refuses what must not ship and names the file, the
// function, the route and what to change:
// - routes in serverless.yml that disagree with their handlers' declarations
//   (scripts/lib/route-check.ts, the same rules `npm test` applies);
// - a CORS configuration that sends credentials to an origin that is not one https:// site;
// - `package` or `deploy` of stage `local`, which carries DEBUG logs, localhost CORS and the
//   development issuer (npm start and invoke local keep using it).
// It also gives every function the settings under `custom.functionDefaults` it does not set itself
// (reservedConcurrency), and exposes to browser scripts every response header an endpoint declares
// (provider.httpApi.cors.exposedResponseHeaders). The checks are imported when a hook runs, so
// other commands pay nothing for them.
import type { CorsSettings } from './lib/cors.ts'
import type { FunctionConfig } from './lib/serverless-config.ts'

/** The part of osls's Serverless instance this plugin reads. */
interface Serverless {
  serviceDir: string
  service: {
    provider: { stage?: string; httpApi?: { cors?: CorsSettings | boolean } }
    functions?: Record<string, Record<string, unknown>>
    custom?: { functionDefaults?: Record<string, unknown> }
  }
  classes: { Error: new (message: string) => Error }
}

interface Options {
  stage?: string
}

/** osls's third constructor argument: its log writers. */
interface Utils {
  log?: { verbose(message: string): void }
}

/** Stage `npm start` and `npm run invoke` use; never deployed. */
const LOCAL_STAGE = 'local'

/** `custom.functionDefaults` keys this plugin knows how to apply, with their check. */
const DEFAULTS: Record<string, (value: unknown) => number | undefined> = {
  reservedConcurrency: (value) => {
    const text = String(value).trim()
    if (text === 'none') return undefined
    if (!/^[1-9]\d*$/.test(text)) {
      throw new Error(
        `param reservedConcurrency must be a whole number ≥ 1 or "none" (no reservation), not ${JSON.stringify(value)}`,
      )
    }
    return Number(text)
  },
}

export default class BuildGuard {
  readonly hooks: Record<string, () => Promise<void>>
  private readonly serverless: Serverless
  private readonly options: Options
  private readonly log: Utils['log']
  private checked: Promise<void> | undefined

  constructor(serverless: Serverless, options: Options, utils: Utils = {}) {
    this.serverless = serverless
    this.options = options
    this.log = utils.log
    const deployed = async () => {
      this.refuseLocalStage()
      this.applyFunctionDefaults()
      await this.check({ deployed: true })
    }
    this.hooks = {
      'before:package:initialize': deployed,
      // `deploy --package <dir>` skips packaging; `deploy function` packages one function.
      'before:deploy:deploy': deployed,
      'before:deploy:function:initialize': deployed,
      // `npm start`: before serverless-esbuild (listed after this plugin) builds anything. Not
      // while it bundles: its file watcher, started then, would keep a failed start from exiting.
      'before:offline:start': () => this.check({ deployed: false }),
      'before:offline:start:init': () => this.check({ deployed: false }),
    }
  }

  private get stage(): string {
    return String(this.options.stage ?? this.serverless.service.provider.stage ?? '')
  }

  private stop(lines: string[]): never {
    throw new this.serverless.classes.Error(lines.join('\n'))
  }

  private refuseLocalStage(): void {
    if (this.stage !== LOCAL_STAGE) return
    this.stop([
      `Stage '${LOCAL_STAGE}' is for npm start and npm run invoke only: it logs whole events at DEBUG, allows localhost origins and trusts the development issuer.`,
      'Package or deploy another stage: npm run package, or serverless deploy --stage <stage> (docs/infrastructure.md).',
    ])
  }

  private applyFunctionDefaults(): void {
    const defaults = this.serverless.service.custom?.functionDefaults ?? {}
    for (const [key, value] of Object.entries(defaults)) {
      const parse = DEFAULTS[key]
      if (!parse) this.stop([`custom.functionDefaults.${key}: not a setting build-guard applies`])
      let parsed: number | undefined
      try {
        parsed = parse(value)
      } catch (error) {
        this.stop([`serverless.yml, stage ${this.stage}: ${(error as Error).message}`])
      }
      if (parsed === undefined) continue
      for (const fn of Object.values(this.serverless.service.functions ?? {})) {
        if (fn[key] === undefined) fn[key] = parsed
      }
    }
  }

  /** Runs the checks once per command, however many of the hooks fire. */
  private check(options: { deployed: boolean }): Promise<void> {
    this.checked ??= this.runChecks(options)
    return this.checked
  }

  /** Adds every response header the routed endpoints declare to the exposed ones. */
  private async exposeDeclaredHeaders(
    cors: CorsSettings,
    functions: FunctionConfig[],
    root: string,
  ): Promise<void> {
    const [{ loadHandler }, { responseHeaderNames }, { withDeclaredHeaders }] = await Promise.all([
      import('./lib/function-module.ts'),
      import('./openapi/document.ts'),
      import('./lib/cors.ts'),
    ])
    const declared: string[] = []
    for (const fn of functions) {
      const handler = fn.routes.length > 0 ? await loadHandler(fn, root) : undefined
      if (handler) declared.push(...responseHeaderNames(handler.endpoint))
    }
    cors.exposedResponseHeaders = withDeclaredHeaders(cors.exposedResponseHeaders, declared)
  }

  private async runChecks({ deployed }: { deployed: boolean }): Promise<void> {
    const started = performance.now()
    const [{ routeProblems }, { functionsOf }, { corsProblem }] = await Promise.all([
      import('./lib/route-check.ts'),
      import('./lib/serverless-config.ts'),
      import('./lib/cors.ts'),
    ])
    const functions = functionsOf(this.serverless.service.functions)
    const root = this.serverless.serviceDir
    const advice = [
      'Make serverless.yml and the handlers agree (docs/endpoints.md), then run the command again.',
    ]
    const problems = await routeProblems(functions, root).catch(async (error: Error) => {
      // The route check reads path schemas as JSON Schema; name the schema it could not read.
      const { schemaProblems, CONVERSION_ADVICE } = await import('./openapi/schema-problems.ts')
      const found = await schemaProblems(functions, root).catch((): string[] => [])
      if (found.length === 0) {
        this.stop([
          'build-guard could not check the routes: it imports every handler module, as npm test does, and one failed.',
          String(error.stack ?? error),
        ])
      }
      advice.unshift(CONVERSION_ADVICE)
      return found
    })
    const cors = this.serverless.service.provider.httpApi?.cors
    if (cors && typeof cors === 'object' && problems.length === 0) {
      await this.exposeDeclaredHeaders(cors, functions, root)
    }
    if (cors && typeof cors === 'object') {
      const problem = corsProblem(cors.allowedOrigins, cors.allowCredentials, {
        loopbackHttp: !deployed,
      })
      if (problem) {
        problems.push(
          `serverless.yml (provider.httpApi.cors, params corsAllowedOrigins and corsAllowCredentials of stage ${this.stage}): ${problem}`,
        )
      }
    }
    const ms = Math.round(performance.now() - started)
    this.log?.verbose(`build-guard: checked ${functions.length} functions in ${ms} ms`)
    if (problems.length === 0) return
    this.stop([
      `build-guard found ${problems.length} problem${problems.length === 1 ? '' : 's'}:`,
      ...problems.map((problem) => `  - ${problem}`),
      ...advice,
    ])
  }
}
