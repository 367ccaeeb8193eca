import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { auditVerdict } from '../../scripts/lib/audit-verdict.ts'

// npm audit's JSON report (auditReportVersion 2), as `npm audit --json` prints it.
const report = (vulnerabilities: Record<string, number>) =>
  JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities: {},
    metadata: {
      vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...vulnerabilities },
      dependencies: { prod: 12, dev: 0, optional: 2, total: 14 },
    },
  })

describe('auditVerdict (CI: npm audit --omit=dev --audit-level=high)', () => {
  it('passes a report without advisories', () => {
    assert.deepEqual(auditVerdict(0, report({})), {
      outcome: 'clean',
      message: 'npm audit (dependencies): no high or critical advisory (none)',
    })
  })

  it('passes, naming them, advisories below high (npm exits 0 for them)', () => {
    assert.equal(auditVerdict(0, report({ moderate: 2 })).outcome, 'clean')
    assert.match(auditVerdict(0, report({ moderate: 2 })).message, /2 moderate/)
  })

  it('fails a report with a high or critical advisory (npm exits 1)', () => {
    assert.deepEqual(auditVerdict(1, report({ high: 1, low: 3 })), {
      outcome: 'vulnerable',
      message: 'npm audit (dependencies): 1 high, 3 low; see npm audit --omit=dev',
    })
  })

  it('says that no advisory was checked when the registry refuses the audit endpoint', () => {
    const refused = JSON.stringify({
      message:
        '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      statusCode: 405,
      error: { summary: '', detail: '' },
    })
    const verdict = auditVerdict(1, refused)
    assert.equal(verdict.outcome, 'unavailable')
    assert.match(verdict.message, /405 Method Not Allowed.*no advisory was checked/)
  })

  it('says the same when npm printed no JSON at all (no network)', () => {
    assert.equal(auditVerdict(1, '').outcome, 'unavailable')
  })
})
