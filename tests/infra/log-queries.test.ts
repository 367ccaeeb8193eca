// The metric filters, the dashboard's tables and docs/operations.md's queries name log fields;
// these tests run the service over the checked-in events, capture the lines it writes, and check
// every such field there with its name and type. A field renamed in src/ (or in a query) fails
// here instead of leaving a dashboard or an alarm silently empty. docs/operations.md shows the
// queries of infra/log-queries.cjs verbatim.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { before, describe, it } from 'node:test'
import {
  ACCESS_LOG_FIELDS,
  FUNCTION_LOG_FIELDS,
  METRIC_FILTERS,
  QUERIES,
  ROUTE_DIMENSION,
} from '../../infra/log-queries.cjs'
import { readServerlessConfig } from '../../scripts/lib/serverless-config.ts'
import { createHttpHandler } from '../../src/http/create-http-handler.ts'
import { createLogger } from '../../src/lib/logger.ts'
import { createContext } from '../fixtures/context.ts'
import { buildEvent, loadEvent } from '../fixtures/events.ts'
import { captureOutput } from '../helpers/output.ts'

type Line = Record<string, unknown>

const EVENT_NAMES = readdirSync(new URL('../../events/', import.meta.url))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''))
const OPERATIONS = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8')

// Logs Insights words that are not fields (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html).
const KEYWORDS = new Set([
  ...['fields', 'filter', 'stats', 'sort', 'limit', 'display'],
  ...['by', 'as', 'and', 'or', 'not', 'like', 'in', 'asc', 'desc'],
])

/** The fields a Logs Insights query names: not keywords, functions, aliases, @-fields or literals. */
const fieldsOfQuery = (query: string): string[] => {
  const aliases = new Set([...query.matchAll(/\bas\s+([A-Za-z_]\w*)/g)].map((m) => m[1]))
  const code = query.replace(/"[^"]*"/g, ' ').replace(/\/(?:\\.|[^/\n])*\//g, ' ')
  const names = new Set<string>()
  for (const [, at, name = '', call] of code.matchAll(/(@?)\b([A-Za-z_][\w.]*)(\s*\()?/g)) {
    if (at || call || KEYWORDS.has(name) || aliases.has(name)) continue
    names.add(name)
  }
  return [...names]
}

/** `$.a.b` selectors of a metric filter pattern, with the literal each is compared to. */
const comparisonsOfPattern = (pattern: string) =>
  [...pattern.matchAll(/\$\.([\w.]+)\s*(?:=|!=|>=|<=|>|<)\s*("[^"]*"|[\d.]+)/g)].map(
    ([, field = '', literal = '']) => ({
      field,
      type: literal.startsWith('"') ? 'string' : 'number',
      literal,
    }),
  )

const valueAt = (line: Line, field: string): unknown =>
  field
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        typeof value === 'object' && value !== null ? (value as Line)[key] : undefined,
      line,
    )
const typeOf = (value: unknown) => (value === null ? 'null' : typeof value)

let completed: Line[] = []
let errors: Line[] = []
let messages = new Set<string>()

before(async () => {
  const { handler } = await import('../fixtures/endpoint.ts')
  const lines: Line[] = []
  for (const name of EVENT_NAMES) {
    lines.push(...(await captureOutput(() => handler(loadEvent(name), createContext()))).lines)
  }
  // A business function that throws: the chain's ERROR line and its 500 summary.
  const failing = createHttpHandler({
    auth: 'public',
    handler: () => {
      throw new TypeError('boom')
    },
    logger: createLogger({ logLevel: 'INFO' }),
  })
  lines.push(...(await captureOutput(() => failing(buildEvent(), createContext()))).lines)
  completed = lines.filter((line) => line.message === 'request completed')
  errors = lines.filter((line) => line.level === 'ERROR')
  messages = new Set(lines.map((line) => String(line.message)))
  assert.equal(completed.length, EVENT_NAMES.length + 1)
  assert.equal(errors.length, 1)
})

describe('log fields the monitoring names', () => {
  it('are on every line the service writes for them, with the declared type', () => {
    for (const [field, type] of Object.entries(FUNCTION_LOG_FIELDS)) {
      const carriers = field.startsWith('error.') ? errors : completed
      for (const line of carriers) {
        assert.equal(typeOf(valueAt(line, field)), type, `${field} in ${JSON.stringify(line)}`)
      }
    }
  })

  it('in the metric filters: declared fields compared to literals of their type', () => {
    for (const filter of METRIC_FILTERS) {
      const named = comparisonsOfPattern(filter.pattern)
      assert.ok(named.length > 0, filter.pattern)
      for (const { field, type, literal } of named) {
        assert.equal(FUNCTION_LOG_FIELDS[field], type, `${filter.id}: ${field}`)
        if (field === 'message') assert.ok(messages.has(JSON.parse(literal)), literal)
      }
      if (filter.value !== '1') assert.equal(FUNCTION_LOG_FIELDS[filter.value.slice(2)], 'number')
    }
    assert.equal(FUNCTION_LOG_FIELDS[ROUTE_DIMENSION.field.slice(2)], 'string')
  })

  it('in the Logs Insights queries: declared fields of the log group they run on', () => {
    const accessFormat = readServerlessConfig().provider.logs as { httpApi: { format: string } }
    const accessLine = JSON.parse(accessFormat.httpApi.format) as Record<string, string>
    for (const [field, type] of Object.entries(ACCESS_LOG_FIELDS)) {
      assert.equal(type, 'string')
      assert.match(String(accessLine[field]), /^\$context\./, `access log has no ${field}`)
    }
    for (const [name, { source, query }] of Object.entries(QUERIES)) {
      const declared = source === 'function' ? FUNCTION_LOG_FIELDS : ACCESS_LOG_FIELDS
      const fields = fieldsOfQuery(query)
      assert.ok(fields.length > 0, name)
      for (const field of fields) assert.ok(field in declared, `${name} names ${field}`)
      for (const [, message] of query.matchAll(/\bmessage = "([^"]+)"/g)) {
        assert.ok(messages.has(message ?? ''), `${name}: no line says ${message}`)
      }
    }
  })
})

describe('docs/operations.md', () => {
  const blocks = [...OPERATIONS.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map(([, b = '']) => b.trim())

  it('shows every query of infra/log-queries.cjs verbatim, and no other code block', () => {
    const queries = Object.values(QUERIES).map((q) => q.query)
    assert.deepEqual([...new Set(blocks)].sort(), [...queries].sort())
  })

  it('shows the metric filters as deployed', () => {
    for (const filter of METRIC_FILTERS) {
      assert.ok(OPERATIONS.includes(filter.pattern), filter.pattern)
    }
  })
})
