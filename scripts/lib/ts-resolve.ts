// TypeScript (moduleResolution nodenext, which tsc's own error message points to) and esbuild both
// read `import … from './shared.js'` in a .ts file as `./shared.ts`; Node's type stripping does not,
// so the checks that import handler modules (the route check, `npm run openapi`, the build guard
// in `npm start` / `package` / `deploy`) and a fork's own tests would stop at ERR_MODULE_NOT_FOUND
// on code that type-checks and bundles. This resolves such an import as the other two do, and only
// when the `.js` file does not exist. Registered by importing this module: scripts/lib/
// function-module.ts does, and `npm test` passes it to every test process (`--import`).
import { registerHooks } from 'node:module'

const TS_EXTENSION: Readonly<Record<string, string>> = {
  '.js': '.ts',
  '.mjs': '.mts',
  '.cjs': '.cts',
}
const JS_EXTENSION = /\.[cm]?js$/
const TS_PARENT = /\.[cm]?ts$/
const FILE_SPECIFIER = /^(\.{1,2}\/|\/|file:)/

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context)
    } catch (error) {
      const js = JS_EXTENSION.exec(specifier)?.[0]
      const fromTypeScript = TS_PARENT.test(context.parentURL ?? '')
      if (
        js === undefined ||
        !fromTypeScript ||
        !FILE_SPECIFIER.test(specifier) ||
        (error as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND'
      ) {
        throw error
      }
      try {
        return nextResolve(`${specifier.slice(0, -js.length)}${TS_EXTENSION[js]}`, context)
      } catch {
        // Neither exists: the error names what the import says.
        throw error
      }
    }
  },
})
