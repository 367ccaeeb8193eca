import * as v from 'valibot'
import { createError, createHttpHandler } from '#http'
import { NotePath } from '../notes/note-path.js'
import { findNote } from '../notes/store.js'

const NoteQuery = v.object({ view: v.optional(v.picklist(['full', 'summary']), 'full') })
const NoteView = v.object({
  id: v.string(),
  title: v.string(),
  body: v.optional(v.string()),
  version: v.number(),
})

// GET /notes/{noteId}?view=summary: the note, or 404.
export const handler = createHttpHandler({
  auth: 'public',
  request: { path: NotePath, query: NoteQuery },
  response: { body: NoteView, headers: { 'x-notes-api': '1' } },
  problems: [404],
  handler: ({ path, query }) => {
    const note = findNote(path.noteId)
    if (!note) throw createError(404, `Note ${path.noteId} not found`)
    const { body, ...summary } = note
    return query.view === 'summary' ? summary : { ...summary, body }
  },
})
