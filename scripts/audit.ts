// CI's dependency audit (.ci/run): fails on a high or critical advisory in `dependencies`, and
// says so when the registry serves no audit (exit 0 then, or 1 with AUDIT_REQUIRED=1).
import { spawnSync } from 'node:child_process'
import { auditVerdict } from './lib/audit-verdict.ts'

const run = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], {
  encoding: 'utf8',
})
const verdict = auditVerdict(run.status, run.stdout ?? '')
if (verdict.outcome === 'clean') console.log(verdict.message)
else console.error(verdict.message)
process.exitCode =
  verdict.outcome === 'vulnerable' ||
  (verdict.outcome === 'unavailable' && process.env.AUDIT_REQUIRED === '1')
    ? 1
    : 0
