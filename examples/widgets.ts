import * as v from 'valibot'
import { createError, createHttpHandler, type EndpointMiddleware } from '#http'

const WidgetPath = v.object({ id: v.pipe(v.string(), v.regex(/^w\d+$/)) })
const Widget = v.object({ name: v.pipe(v.string(), v.minLength(1)) })
const Stored = v.object({ id: v.string(), name: v.string(), version: v.number() })

// In memory, so that the example runs anywhere; a real endpoint calls its database here.
const widgets = new Map([['w1', { name: 'one', version: 1 }]])

// The endpoint's own middleware: after parsing and validation, before the business function.
const requireTenant: EndpointMiddleware = {
  before: ({ event }) => {
    if (!event.headers['x-tenant']) throw createError(403, 'x-tenant header required')
  },
}

// PUT /widgets/{id}: 201 with a Location when it creates the widget, 200 when it replaces it.
export const put = createHttpHandler({
  request: { path: WidgetPath, body: Widget },
  response: { status: 201, body: Stored },
  // The headers respond() sets, per status: documented in openapi.json, required by tsc.
  responses: { 201: { headers: { location: 'URL of the new widget' } }, 200: Stored },
  problems: [403],
  middlewares: [requireTenant],
  handler: ({ path, body, logger, respond }) => {
    const version = (widgets.get(path.id)?.version ?? 0) + 1
    widgets.set(path.id, { name: body.name, version })
    logger.info('widget stored', { widgetId: path.id, version })
    const stored = { id: path.id, name: body.name, version }
    return version === 1
      ? respond(201, stored, { location: `/widgets/${path.id}` })
      : respond(200, stored)
  },
})

// GET /widgets/{id}: the widget, or 404.
export const get = createHttpHandler({
  request: { path: WidgetPath },
  response: { body: Stored },
  problems: [404],
  handler: ({ path }) => {
    const widget = widgets.get(path.id)
    if (!widget) throw createError(404, `Widget ${path.id} not found`)
    return { id: path.id, ...widget }
  },
})
