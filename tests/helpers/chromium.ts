// Where Debian's `chromium` package (what .ci/run installs) or another system Chromium lives. The
// browser tests skip without one on a developer machine and fail without one in CI (CI=true).
import { accessSync, constants } from 'node:fs'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

export type ChromiumLookup = { path: string } | { missing: string }

export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const candidates = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : CANDIDATES
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK)
      return { path: candidate }
    } catch {
      // try the next one
    }
  }
  return {
    missing: `no Chromium at ${candidates.join(', ')} (apt-get install chromium, or set CHROMIUM_PATH)`,
  }
}

/** In CI a missing browser is a failure, never a skip. */
export const mustRunBrowserTests = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.CI === 'true'
