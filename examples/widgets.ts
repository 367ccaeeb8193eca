import * as v from 'valibot'
import { createError, createHttpHandler } from '#http'
import { requireAuth } from '#http/auth'

const WidgetPath = v.object({ id: v.pipe(v.string(), v.regex(/^w\d+$/)) })
const Widget = v.object({ name: v.pipe(v.string(), v.minLength(1)) })
const Stored = v.object({ id: v.string(), name: v.string(), version: v.number() })

// In memory so the example runs anywhere. A Map lives in one container: it is no store.
const widgets = new Map<string, { owner: string; name: string; version: number }>()

// Scopes say what a caller may do, the owner to which widget. Another subject's widget is
// answered like a missing one, 404, so its id cannot be probed.
const ownWidget = (id: string, subject: string) => {
  const widget = widgets.get(id)
  if (widget && widget.owner !== subject) throw createError(404, `Widget ${id} not found`)
  return widget
}

// PUT /widgets/{id}: 201 with a Location when it creates the widget, 200 when it replaces it.
export const put = createHttpHandler({
  auth: requireAuth({ scopes: ['widgets:write'] }),
  request: { path: WidgetPath, body: Widget },
  response: { status: 201, body: Stored },
  // The headers respond() sets, per status: documented in openapi.json, required by tsc.
  responses: { 201: { headers: { location: 'URL of the new widget' } }, 200: Stored },
  problems: [404],
  handler: ({ path, body, auth, logger, respond }) => {
    const version = (ownWidget(path.id, auth.subject)?.version ?? 0) + 1
    widgets.set(path.id, { owner: auth.subject, name: body.name, version })
    logger.info('widget stored', { widgetId: path.id, version })
    const stored = { id: path.id, name: body.name, version }
    return version === 1
      ? respond(201, stored, { location: `/widgets/${path.id}` })
      : respond(200, stored)
  },
})

// GET /widgets/{id}: the caller's widget, or 404.
export const get = createHttpHandler({
  auth: requireAuth({ scopes: ['widgets:read'] }),
  request: { path: WidgetPath },
  response: { body: Stored },
  problems: [404],
  handler: ({ path, auth }) => {
    const widget = ownWidget(path.id, auth.subject)
    if (!widget) throw createError(404, `Widget ${path.id} not found`)
    return { id: path.id, name: widget.name, version: widget.version }
  },
})
