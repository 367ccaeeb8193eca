// What CI makes of `npm audit --omit=dev --audit-level=high --json`: the dependencies are what the
// Lambda bundles are built from, so a high or critical advisory there fails CI; dev tools are left
// to `npm audit` by hand. A registry that does not serve the audit endpoint (a mirror answering
// 405, no network) gives no report at all: that is said, not passed off as a clean audit.

export type AuditVerdict =
  | { readonly outcome: 'clean'; readonly message: string }
  | { readonly outcome: 'vulnerable'; readonly message: string }
  | { readonly outcome: 'unavailable'; readonly message: string }

interface Report {
  auditReportVersion?: number
  metadata?: { vulnerabilities?: Record<string, number> }
  message?: string
}

const parse = (json: string): Report => {
  try {
    return JSON.parse(json) as Report
  } catch {
    return {}
  }
}

/** The verdict on one run, from its exit status and its JSON output. */
export const auditVerdict = (status: number | null, json: string): AuditVerdict => {
  const report = parse(json)
  if (report.auditReportVersion === undefined) {
    const why = report.message ?? (json.trim() || `exit status ${status}`)
    return {
      outcome: 'unavailable',
      message: `npm audit could not run against this registry (${why}); no advisory was checked`,
    }
  }
  const counts = report.metadata?.vulnerabilities ?? {}
  const found = ['critical', 'high', 'moderate', 'low']
    .filter((level) => (counts[level] ?? 0) > 0)
    .map((level) => `${counts[level]} ${level}`)
  const summary = found.length > 0 ? found.join(', ') : 'none'
  return status === 0
    ? {
        outcome: 'clean',
        message: `npm audit (dependencies): no high or critical advisory (${summary})`,
      }
    : {
        outcome: 'vulnerable',
        message: `npm audit (dependencies): ${summary}; see npm audit --omit=dev`,
      }
}
