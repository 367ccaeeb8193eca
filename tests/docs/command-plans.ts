// How the docs test runs each kind of documented command. A command no rule matches fails the
// test: whoever adds one to the docs decides here how it is proven, or why it cannot be run.
import type { DocCommand } from '../../scripts/lib/doc-commands.ts'
import { withoutEnv } from '../../scripts/lib/doc-commands.ts'

export type Plan =
  /** Started by the test as its one serverless-offline server, on free ports. */
  | { kind: 'server' }
  /** Sent to that server; its status line, the headers and body the docs show must match. */
  | { kind: 'curl' }
  /**
   * Run in the copy of the project; must exit 0 (and print `expect`). One that `writes` the tree
   * runs after the others, one at a time.
   */
  | { kind: 'run'; expect?: RegExp; writes?: boolean }
  /**
   * Needs AWS: run without credentials, it must get as far as asking for them. Run with the
   * writers, since a deploy begins by packaging into .serverless/.
   */
  | { kind: 'no-aws' }
  /** `VAR=value npm start`: `serverless print` for that stage must show the variable's value. */
  | { kind: 'env-print' }
  /** `npm run bench -- …`: minutes of measuring; its flags must parse (bench/lib/options.ts). */
  | { kind: 'bench-flags' }
  /** A script named in prose without arguments; the docs run its forms with arguments. */
  | { kind: 'mention' }
  /** Run, as written, by the test file named. */
  | { kind: 'covered'; by: string }
  /** Not run, for the reason given. */
  | { kind: 'skip'; reason: string }

const rules: { pattern: RegExp; plan: Plan }[] = [
  { pattern: /^npm start(?: -- --httpPort \d+ --lambdaPort \d+)?$/, plan: { kind: 'server' } },
  { pattern: /^curl /, plan: { kind: 'curl' } },
  { pattern: /^[A-Z_]+=\S+ npm start$/, plan: { kind: 'env-print' } },
  {
    pattern: /^npm run invoke -- orders --path events\/orders\.json$/,
    plan: { kind: 'covered', by: 'examples/tests/walkthrough.test.ts' },
  },
  {
    pattern: /^(?:[A-Z_]+=\S+ )*npm run (?:-s )?invoke -- \S/,
    // invoke local reports 1024 MB whatever memorySize says (docs/reliability.md).
    plan: { kind: 'run', expect: /"function_memory_size":"1024"[\s\S]*"statusCode"/ },
  },
  { pattern: /^npm run (?:-s )?token -- --help$/, plan: { kind: 'run', expect: /usage/i } },
  { pattern: /^npm run (?:-s )?token(?: -- .*)?$/, plan: { kind: 'run', expect: /^ey/m } },
  { pattern: /^npm run openapi -- --check$/, plan: { kind: 'run', expect: /is up to date/ } },
  {
    pattern: /^npm run openapi(?: -- --issuer \S+)?$/,
    plan: { kind: 'run', expect: /wrote openapi\.json/, writes: true },
  },
  {
    pattern: /^(?:npm run package -- |npx serverless package --)/,
    // Every package run writes the tree's .serverless/.
    plan: { kind: 'run', expect: /Service packaged/, writes: true },
  },
  { pattern: /^npm run format$/, plan: { kind: 'run', writes: true } },
  {
    pattern: /^npm run docs$/,
    plan: { kind: 'run', expect: /wrote the chain table/, writes: true },
  },
  { pattern: /^(?:[A-Z_]+=\S+ )*npx serverless (?:deploy|logs) --/, plan: { kind: 'no-aws' } },
  { pattern: /^npm run logs -- \S+ --/, plan: { kind: 'no-aws' } },
  { pattern: /^npm run bench(?: -- .*)?$/, plan: { kind: 'bench-flags' } },
  {
    pattern: /^npm run bench:data(?: -- --readme)?$/,
    plan: {
      kind: 'skip',
      reason:
        'minutes of cold starts and warm requests against dynalite that rewrite docs/performance.md',
    },
  },
  {
    pattern: /^npm ci$/,
    plan: { kind: 'skip', reason: 'installs the dependencies this suite is running on' },
  },
  {
    pattern: /^(?:[A-Z_]+=\S+ )*npm test$/,
    plan: { kind: 'skip', reason: 'the suite itself: this test runs inside it' },
  },
  {
    pattern: /^npm run test:load(?: -- --readme)?$/,
    plan: {
      kind: 'skip',
      reason:
        'a load run of minutes that rewrites docs/performance.md; bench/tests/load.test.ts runs it small',
    },
  },
  {
    pattern: /^npm run properties(?: -- --readme)?$/,
    plan: {
      kind: 'skip',
      reason:
        'the property suite npm test runs (tests/property); --readme rewrites docs/reliability.md',
    },
  },
  {
    pattern: /^npm install --no-save$/,
    plan: { kind: 'skip', reason: 'installs a package for a one-off measurement, not kept' },
  },
  {
    pattern: /^(?:npx|npm exec|npm run)$/,
    plan: {
      kind: 'skip',
      reason: 'names the command that runs the bundled Node, with nothing to run',
    },
  },
  {
    pattern: /^npm (?:view |audit signatures$|install-scripts )/,
    plan: {
      kind: 'skip',
      reason:
        'asks the registry or the internet, or edits package.json; tests/infra/toolchain.test.ts checks the lockfile and allowScripts',
    },
  },
  {
    pattern: /^npm ci --prefix bench$/,
    plan: { kind: 'skip', reason: "bench/'s own install, run by the root postinstall of npm ci" },
  },
  {
    pattern: /^npm audit(?: --omit=dev --audit-level=high)?$/,
    plan: {
      kind: 'skip',
      reason:
        '.ci/run runs it through scripts/audit.ts; tests/unit/audit-verdict.test.ts pins the verdicts',
    },
  },
  {
    pattern: /^(?:npm run [\w:]+|npm start|(?:npx )?serverless [a-z]+)$/,
    plan: { kind: 'mention' },
  },
]

export const planFor = (command: string): Plan | undefined =>
  rules.find((rule) => rule.pattern.test(command))?.plan

/** Placeholders the docs write for a value of the reader's, and what the test puts there. */
export const PLACEHOLDERS: [string | RegExp, string][] = [
  ['--param …', '--param jwtIssuerUrl=https://issuer.example.com/ --param jwtAudience=my-api'],
  ['<app client id>', 'my-client'],
  ['<address>', 'ops@example.com'],
  ['<url>', 'https://issuer.example.com/'],
  ['<seed>', '42'],
]

export const fillPlaceholders = (command: string): string =>
  PLACEHOLDERS.reduce((text, [from, to]) => text.replaceAll(from, to), command)

/**
 * What must exist in the tree for a command to be meaningful: the function it names
 * (`invoke -- orders`, `logs -- example`) or the route it calls (`curl … /orders`). A fork that
 * deleted /example or examples/ but kept the docs as they are gets these skipped, with the reason.
 */
export const needs = (c: DocCommand): { functions: string[]; paths: string[] } => {
  const text = [...c.setup, withoutEnv(c.command)].join('\n')
  const functions = [...text.matchAll(/npm run (?:-s )?(?:invoke|logs) -- ([a-z][\w-]*)/g)].map(
    (m) => m[1] ?? '',
  )
  const paths = [...text.matchAll(/http:\/\/localhost:3000(\/[^\s'"?]*)/g)].map((m) => m[1] ?? '')
  return { functions, paths }
}
