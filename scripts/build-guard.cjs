'use strict'

// The entry serverless.yml lists under `plugins:`. osls loads plugins with require(); the guard
// itself is TypeScript (build-guard.ts), which Node runs as is from 22.18 on. An older Node (a
// global `serverless`, or node_modules/.bin/serverless run outside npm) gets this message instead
// of a SyntaxError from deep inside osls.
if (!process.features.typescript) {
  throw new Error(
    `build-guard needs a Node that runs TypeScript (22.18 or later), not ${process.version}: ` +
      "run the CLI through npm (npm start, npm run package, npx serverless …), which uses the project's Node 24",
  )
}

module.exports = require('./build-guard.ts').default
