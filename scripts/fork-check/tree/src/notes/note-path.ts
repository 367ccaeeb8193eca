import * as v from 'valibot'

/** `/notes/{noteId}`: the path every notes route shares. */
export const NotePath = v.object({ noteId: v.pipe(v.string(), v.regex(/^n\d{1,9}$/)) })
