import type { BuildOptions, Plugin } from 'esbuild'

/** Options in serverless-esbuild's vocabulary: esbuild options plus the plugin's own keys. */
interface PluginOptions extends BuildOptions {
  exclude: string[]
  outputFileExtension: '.js' | '.cjs' | '.mjs'
  packager: 'npm' | 'yarn' | 'pnpm'
  skipRebuild: boolean
}

/** `serverless` is osls's instance; its command picks the work folder. */
declare function config(serverless?: unknown): PluginOptions & { outputWorkFolder?: string }
declare namespace config {
  const pluginOptions: Readonly<PluginOptions>
  /** The esbuild options serverless-esbuild derives; add `entryPoints` and `outdir` to build. */
  function esbuildOptions(): BuildOptions & { plugins: Plugin[] }
  /** Points Powertools' InvocationScoped at src/lib/invoke-store-mode.ts. */
  const invokeStoreMode: Plugin
}

export = config
