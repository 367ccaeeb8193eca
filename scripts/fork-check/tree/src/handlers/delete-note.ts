import { createError, createHttpHandler } from '#http'
import { requireAuth } from '#http/auth'
import { NotePath } from '../notes/note-path.js'
import { removeNote } from '../notes/store.js'

// DELETE /notes/{noteId}: 204, for a token granting notes:write (the route's authorizer too).
export const handler = createHttpHandler({
  auth: requireAuth({ scopes: ['notes:write'] }),
  request: { path: NotePath },
  response: { status: 204 },
  problems: [404],
  handler: ({ path, auth, logger }) => {
    if (!removeNote(path.noteId)) throw createError(404, `Note ${path.noteId} not found`)
    logger.info('note deleted', { noteId: path.noteId, by: auth.subject })
  },
})
