// Declarations that disagree with a route, for the route-agreement tests.
import * as v from 'valibot'
import { createHttpHandler } from '../../src/http/index.ts'

/** Its path schema says `widgetId` where a route says `{id}`. */
export const misnamed = createHttpHandler({
  request: { path: v.object({ widgetId: v.string() }) },
  handler: ({ path }) => ({ id: path.widgetId }),
})

/** A body schema, which a GET route never feeds. */
export const withBody = createHttpHandler({
  request: { body: v.object({ name: v.string() }) },
  handler: ({ body }) => body,
})

/** Not made by createHttpHandler. */
export const plain = () => ({ statusCode: 200 })

/** Statuses outside their ranges: a 302 is no success, a 200 no problem. */
export const outOfRange = createHttpHandler({
  responses: { 302: null },
  problems: [404, 200],
  handler: () => null,
})
