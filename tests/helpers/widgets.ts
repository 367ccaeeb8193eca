// Endpoints that use every part of a declaration, for the OpenAPI and route-agreement tests:
// PUT /widgets/{id} creates (201 + Location) or replaces (200), GET /widgets/{id} reads.
import * as v from 'valibot'
import { createError, createHttpHandler } from '../../src/http/index.ts'
import { createLogger } from '../../src/lib/logger.ts'

const logger = createLogger({ logLevel: 'SILENT' })
const Id = v.object({ id: v.pipe(v.string(), v.minLength(1)) })
const Widget = v.object({ name: v.string() })
const Stored = v.object({ id: v.string(), name: v.string(), version: v.number() })

export const put = createHttpHandler({
  request: { body: Widget, path: Id },
  response: { status: 201, body: Stored },
  responses: { 200: Stored },
  problems: [409],
  logger,
  handler: ({ body, path, respond }) =>
    path.id === 'w1'
      ? respond(200, { id: path.id, name: body.name, version: 2 })
      : respond(
          201,
          { id: path.id, name: body.name, version: 1 },
          { location: `/widgets/${path.id}` },
        ),
})

export const get = createHttpHandler({
  request: { path: Id },
  response: { body: Stored },
  problems: [404],
  logger,
  handler: ({ path }) => {
    if (path.id !== 'w1') throw createError(404, `Widget ${path.id} not found`)
    return { id: path.id, name: 'one', version: 2 }
  },
})

/** Not made by createHttpHandler. */
export const plain = () => ({ statusCode: 200 })

/** Its path schema says `widgetId` where a route says `{id}`. */
export const misnamed = createHttpHandler({
  request: { path: v.object({ widgetId: v.string() }) },
  logger,
  handler: ({ path }) => ({ id: path.widgetId }),
})

/** A body schema, which a GET route never feeds. */
export const withBody = createHttpHandler({
  request: { body: Widget },
  logger,
  handler: ({ body }) => body,
})
