// The CI contract, read off a finished report: 0 clean, 1 failing findings, 2 could not run,
// 3 incomplete.
import type { Report } from './model.js';

export const EXIT = { clean: 0, findings: 1, cannotRun: 2, incomplete: 3 } as const;

/** Findings beat incompleteness; incompleteness is never a silent pass. */
export function exitCodeFor(report: Report, allowIncomplete: boolean): number {
  if (report.summary.failing > 0) return EXIT.findings;
  const incomplete =
    report.summary.notEvaluated > 0 ||
    report.summary.ruleErrors > 0 ||
    report.summary.accounts.failed > 0 ||
    report.files?.some((file) => file.status !== 'analysed') === true ||
    report.run?.partial !== undefined;
  if (incomplete && !allowIncomplete) return EXIT.incomplete;
  return EXIT.clean;
}
