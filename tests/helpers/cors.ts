// The CORS rules live with the build guard that applies them (scripts/lib/cors.ts); the tests
// import them from here.
export {
  allowsOrigin,
  type CorsRuleOptions,
  type CorsSettings,
  corsProblem,
  withDeclaredHeaders,
} from '../../scripts/lib/cors.ts'
