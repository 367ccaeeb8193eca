'use strict'

const fs = require('node:fs')
const path = require('node:path')

// The one place that says how the Lambda bundle is built. serverless-esbuild loads this file
// through `custom.esbuild.config` (it `require`s it and calls the export with the Serverless
// instance, so it has to be CommonJS: the package is "type": "module", hence `.cjs`). Scripts that
// must build the same bundle (benchmarks, tests) import `esbuildOptions()` from here instead of
// copying options. When `config` is set, serverless-esbuild ignores every other key of
// `custom.esbuild`, so nothing about the build may live in serverless.yml.

/** Options in serverless-esbuild's vocabulary (esbuild options plus the plugin's own keys). */
const pluginOptions = Object.freeze({
  bundle: true,
  minify: true,
  sourcemap: true,
  // The map ships next to the bundle: the logger reads it the first time it writes a stack
  // (src/lib/stack-trace.ts). It needs only the mappings; without sources the zip stays small
  // and the map quick to parse.
  sourcesContent: false,
  target: 'node24',
  platform: 'node',
  // CJS with a .cjs extension: a .js file would be ESM under "type": "module", and osls
  // `invoke local` cannot load .mjs handlers.
  format: 'cjs',
  outputFileExtension: '.cjs',
  // Powertools Logger imports node:crypto only for `randomInt` (log sampling); loading node:crypto
  // costs ~9 ms of cold start. src/lib/random-int.ts stands in for it; importing any other name
  // from node:crypto then fails the build (see bench/tests/bundle-size.test.ts).
  alias: Object.freeze({
    'node:crypto': path.join(__dirname, 'src/lib/random-int.ts'),
  }),
  // The Node 24 runtime ships AWS SDK v3; never bundle or package it.
  exclude: Object.freeze(['@aws-sdk/*']),
  packager: 'npm',
  // Without this a failing `invoke local` keeps the esbuild context alive and never exits.
  skipRebuild: true,
})

/**
 * Points Powertools' InvocationScoped at src/lib/invoke-store-mode.ts for its one import of
 * envUtils.js, which reads the environment on every access (see that file). The importer is
 * matched exactly; a Powertools release that moves or renames the import leaves this unused,
 * which tests/infra/bundle-size.test.ts reports.
 */
const INVOCATION_SCOPED =
  /[\\/]@aws-lambda-powertools[\\/]commons[\\/]lib[\\/]esm[\\/]InvocationScoped\.js$/
const invokeStoreMode = Object.freeze({
  name: 'powertools-invoke-store-mode',
  setup(build) {
    build.onResolve({ filter: /^\.\/envUtils\.js$/ }, ({ importer }) =>
      INVOCATION_SCOPED.test(importer)
        ? { path: path.join(__dirname, 'src/lib/invoke-store-mode.ts') }
        : undefined,
    )
  },
})

/** Keys serverless-esbuild strips before it hands the rest to esbuild (see its dist/bundle.js). */
const pluginOnlyKeys = new Set([
  'concurrency',
  'zipConcurrency',
  'exclude',
  'nativeZip',
  'packager',
  'packagePath',
  'watch',
  'keepOutputDirectory',
  'packagerOptions',
  'installExtraArgs',
  'outputFileExtension',
  'outputBuildFolder',
  'outputWorkFolder',
  'nodeExternals',
  'skipBuild',
  'skipRebuild',
  'skipBuildExcludeFns',
  'stripEntryResolveExtensions',
  'disposeContext',
])

/** Commands that zip the bundles: they build in a work folder of their own (see `workFolderOf`). */
const PACKAGING_COMMANDS = new Set(['package', 'deploy'])
const PACKAGE_FOLDER_PREFIX = 'package-'

/** Whether a process with this id still runs (a signal 0 checks without sending anything). */
const isRunning = (pid) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === 'EPERM'
  }
}

/**
 * serverless-esbuild zips every file of its build folder except the other functions' bundles, so
 * a bundle left there by an earlier run (a deleted or renamed endpoint) would ship in every zip;
 * and packaging deletes its work folder when it ends, which would pull the bundles out from under a
 * running `npm start`. So `package` and `deploy` build in a fresh `.esbuild/package-<pid>` and
 * remove it; offline and invoke local keep the default `.esbuild`. A packaging run that was
 * killed leaves its folder behind: it is removed by the next one, once its process is gone.
 */
function workFolderOf(serverless) {
  const command = serverless?.processedInput?.commands?.[0]
  if (!PACKAGING_COMMANDS.has(command)) return undefined
  const root = path.join(serverless.serviceDir ?? process.cwd(), '.esbuild')
  for (const entry of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    const pid = Number(entry.slice(PACKAGE_FOLDER_PREFIX.length))
    if (entry.startsWith(PACKAGE_FOLDER_PREFIX) && pid !== process.pid && !isRunning(pid)) {
      fs.rmSync(path.join(root, entry), { recursive: true, force: true })
    }
  }
  return path.join('.esbuild', `${PACKAGE_FOLDER_PREFIX}${process.pid}`)
}

/**
 * What serverless-esbuild calls: a fresh copy each time, because it mutates what it gets.
 * SLS_ESBUILD_WORK_FOLDER (a path relative to the service, e.g. `.esbuild/test-1`) moves the
 * scratch folder, so CLI runs side by side (the test suite runs package, offline and invoke local
 * concurrently) do not delete each other's files. It changes where intermediate files go, never
 * what is built.
 */
function config(serverless) {
  const options = structuredClone(pluginOptions)
  const workFolder = process.env.SLS_ESBUILD_WORK_FOLDER || workFolderOf(serverless)
  if (workFolder) options.outputWorkFolder = workFolder
  // Functions cannot be cloned, so plugins join after the copy.
  options.plugins = [invokeStoreMode]
  return options
}

/**
 * The esbuild `BuildOptions` serverless-esbuild derives from `pluginOptions` (exclude → external,
 * outputFileExtension → outExtension); add `entryPoints` and `outdir` to build.
 */
function esbuildOptions() {
  const options = {}
  for (const [key, value] of Object.entries(pluginOptions)) {
    if (!pluginOnlyKeys.has(key)) options[key] = structuredClone(value)
  }
  options.external = [...pluginOptions.exclude]
  options.outExtension = { '.js': pluginOptions.outputFileExtension }
  options.plugins = [invokeStoreMode]
  return options
}

module.exports = config
module.exports.pluginOptions = pluginOptions
module.exports.esbuildOptions = esbuildOptions
module.exports.invokeStoreMode = invokeStoreMode
