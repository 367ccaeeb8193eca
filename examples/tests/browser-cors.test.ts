// A real browser (headless Chromium) on a page served from another origin calls the API under
// serverless-offline, as a front end does: the JSON POST with Authorization is preflighted and
// reaches the function; the page reads a problem+json body and an exposed header. The origin is
// allowed the way a deployer allows one: listed in the stage's `corsAllowedOrigins` param.
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import { after, before, describe, it } from 'node:test'
import { type Browser, chromium, type Page } from 'playwright-core'
import { mintDevToken } from '../../scripts/lib/dev-token.ts'
import { freePorts, type OfflineServer, startOffline } from '../../scripts/lib/offline.ts'
import { findChromium, mustRunBrowserTests } from '../../tests/helpers/chromium.ts'
import { WITH_EXAMPLE } from './examples.ts'
import { setStageParams, walkthroughTree } from './walkthrough-tree.ts'

const lookup = findChromium()
const skip = 'missing' in lookup && !mustRunBrowserTests() ? lookup.missing : false
if (skip) console.log(`# browser tests skipped: ${skip}`)

const ORDER = { email: 'ada@example.com', items: [{ sku: 'ABC-1234', quantity: 2 }] }
const INVALID = { email: 'not-an-email', items: [{ sku: 'ABC-1234', quantity: 2 }] }

/** What the page's fetch saw; a network or CORS failure is `{ failed: message }`. */
type Seen =
  | {
      status: number
      contentType: string | null
      headers: Record<string, string | null>
      body: string
    }
  | { failed: string }

let tree: Awaited<ReturnType<typeof walkthroughTree>> | undefined
let offline: OfflineServer | undefined
let browser: Browser | undefined
const pages: Server[] = []
let allowedOrigin = ''
let otherOrigin = ''

/** A one-page site on its own origin: the origin the browser's CORS checks apply to. */
const servePage = async (port: number): Promise<string> => {
  const server = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end('<!doctype html><title>front end</title><p>front end</p>')
  })
  pages.push(server)
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return `http://127.0.0.1:${port}`
}

const openPage = async (origin: string): Promise<Page> => {
  assert.ok(browser)
  const page = await browser.newPage()
  await page.goto(`${origin}/`)
  return page
}

/** fetch() inside the page, so the browser applies CORS exactly as for the site's own script. */
const fetchFromPage = (
  page: Page,
  request: { url: string; headers?: Record<string, string>; body: string; read?: string[] },
): Promise<Seen> =>
  page.evaluate(async ({ url, headers, body, read }) => {
    try {
      const res = await fetch(url, { method: 'POST', headers, body })
      const seen: Record<string, string | null> = {}
      for (const name of read ?? []) seen[name] = res.headers.get(name)
      return {
        status: res.status,
        contentType: res.headers.get('content-type'),
        headers: seen,
        body: await res.text(),
      }
    } catch (error) {
      return { failed: String(error) }
    }
  }, request)

before(
  async () => {
    if (skip) return
    assert.ok(
      'path' in lookup,
      `browser tests must run in CI: ${'missing' in lookup ? lookup.missing : ''}`,
    )
    const [allowedPort = 0, otherPort = 0] = await freePorts(2)
    allowedOrigin = await servePage(allowedPort)
    otherOrigin = await servePage(otherPort)
    tree = await walkthroughTree('browser')
    await setStageParams(tree.root, 'local', { corsAllowedOrigins: [allowedOrigin] })
    ;[offline, browser] = await Promise.all([
      startOffline({ root: tree.root, readyTimeoutMs: 60_000 }),
      chromium.launch({ executablePath: lookup.path, headless: true }),
    ])
  },
  { timeout: 120_000 },
)

after(async () => {
  await browser?.close()
  await offline?.stop()
  await tree?.remove()
  for (const server of pages) server.close()
})

describe('a browser page on another origin calling the API', { skip }, () => {
  const api = (route: string) => `${offline?.httpUrl}${route}`

  it('sends a preflighted JSON POST with Authorization that reaches the function: 201', async () => {
    const page = await openPage(allowedOrigin)
    const token = await mintDevToken({ scopes: ['orders:write'] })
    const seen = await fetchFromPage(page, {
      url: api('/orders'),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(ORDER),
      read: ['location'],
    })
    assert.ok(!('failed' in seen), JSON.stringify(seen))
    assert.equal(seen.status, 201)
    assert.equal(seen.contentType, 'application/json; charset=utf-8')
    const { id } = JSON.parse(seen.body) as { id: string }
    assert.deepEqual(JSON.parse(seen.body), { id, lines: 1, units: 2, express: false })
    // Location is exposed, so the page can follow it to the new order.
    assert.deepEqual(seen.headers, { location: `/orders/${id}` })
  })

  it('reads a 4xx problem+json body from the function', async () => {
    const page = await openPage(allowedOrigin)
    const token = await mintDevToken({ scopes: ['orders:write'] })
    const seen = await fetchFromPage(page, {
      url: api('/orders'),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(INVALID),
    })
    assert.ok(!('failed' in seen), JSON.stringify(seen))
    assert.equal(seen.status, 422)
    assert.equal(seen.contentType, 'application/problem+json')
    assert.deepEqual(JSON.parse(seen.body), {
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      detail: '1 field failed validation',
      requestId: 'offlineContext_resourceId',
      errors: [{ pointer: '/email', detail: 'Invalid email' }],
    })
  })

  it('reads x-custom-header, which CORS exposes to the page', WITH_EXAMPLE, async () => {
    const page = await openPage(allowedOrigin)
    const seen = await fetchFromPage(page, {
      url: api('/example'),
      headers: { 'content-type': 'application/json' },
      body: '{"Message":"Test123"}',
      read: ['x-custom-header', 'x-content-type-options'],
    })
    assert.deepEqual(seen, {
      status: 200,
      contentType: 'application/json; charset=utf-8',
      // Not exposed, so hidden from the page although the response carries it.
      headers: { 'x-custom-header': 'my custom header value', 'x-content-type-options': null },
      body: '{"message":"ok"}',
    })
  })

  it('blocks the preflighted call from an origin the stage does not list', async () => {
    const page = await openPage(otherOrigin)
    const token = await mintDevToken({ scopes: ['orders:write'] })
    const seen = await fetchFromPage(page, {
      url: api('/orders'),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(ORDER),
    })
    assert.deepEqual(seen, { failed: 'TypeError: Failed to fetch' })
  })

  it(
    'offline only: lets an unlisted origin read a simple POST (AWS would not)',
    WITH_EXAMPLE,
    async () => {
      const page = await openPage(otherOrigin)
      const seen = await fetchFromPage(page, {
        url: api('/example'),
        headers: { 'content-type': 'text/plain' },
        body: 'hello',
      })
      assert.ok(!('failed' in seen), JSON.stringify(seen))
      assert.equal(seen.status, 200)
    },
  )
})
