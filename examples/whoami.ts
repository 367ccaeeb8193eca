import * as v from 'valibot'
import { createHttpHandler } from '#http'
import { requireAuth } from '#http/auth'

// The claims this endpoint reads, in their normalised shape: from API Gateway ("[admins buyers]")
// and from serverless-offline (["admins","buyers"]) alike, `cognito:groups` is a string array.
const Caller = v.object({
  sub: v.string(),
  'cognito:groups': v.optional(v.array(v.string()), []),
  auth_time: v.optional(v.number()),
})

export const handler = createHttpHandler({
  auth: requireAuth({ scopes: ['profile:read'], claims: Caller }),
  response: { body: v.object({ subject: v.string(), groups: v.array(v.string()) }) },
  // `auth.claims` is the schema's output: the groups are a string[], defaulted to [].
  handler: ({ auth }) => ({ subject: auth.subject, groups: auth.claims['cognito:groups'] }),
})
