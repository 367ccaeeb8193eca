// What an end-to-end test of an endpoint needs, as `#tests/helpers/offline.ts` from any folder
// under tests/: `npm start`'s server on free ports, and tokens its JWT authorizer admits.
export { mintDevToken } from '../../scripts/lib/dev-token.ts'
export { type OfflineServer, startOffline } from '../../scripts/lib/offline.ts'
