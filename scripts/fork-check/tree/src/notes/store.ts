// The notes API's data, shared by its handlers: a module of the fork's own domain, outside the
// chain's src/lib/. In memory so that the check runs anywhere; a real service calls its database.

export interface Note {
  id: string
  title: string
  body: string
  version: number
}

const notes = new Map<string, Note>([
  ['n1', { id: 'n1', title: 'First note', body: 'Written by the fork check.', version: 1 }],
])

export const findNote = (id: string): Note | undefined => notes.get(id)

export const saveNote = (note: Note): Note => {
  notes.set(note.id, note)
  return note
}

export const removeNote = (id: string): boolean => notes.delete(id)

/** The ETag-style token of a version, as If-Match carries it. */
export const versionTag = (note: Note): string => `"${note.version}"`
