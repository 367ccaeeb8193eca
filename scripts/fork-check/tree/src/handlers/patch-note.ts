import * as v from 'valibot'
import { createError, createHttpHandler } from '#http'
import { requireIfMatch } from '../middleware/require-if-match.js'
import { NotePath } from '../notes/note-path.js'
import { findNote, saveNote, versionTag } from '../notes/store.js'

const NotePatch = v.object({
  title: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
  body: v.optional(v.pipe(v.string(), v.maxLength(10_000))),
})

// PATCH /notes/{noteId} with If-Match: the changed note, 412 when the note changed meanwhile.
export const handler = createHttpHandler({
  auth: 'public',
  request: { path: NotePath, body: NotePatch },
  response: { body: v.object({ id: v.string(), version: v.number() }) },
  problems: [404, 412, 428],
  middlewares: [requireIfMatch()],
  handler: ({ path, body, event }) => {
    const note = findNote(path.noteId)
    if (!note) throw createError(404, `Note ${path.noteId} not found`)
    if (event.headers['if-match'] !== versionTag(note)) {
      throw createError(412, `Note ${path.noteId} has changed: read it again`)
    }
    const saved = saveNote({ ...note, ...body, version: note.version + 1 })
    return { id: saved.id, version: saved.version }
  },
})
