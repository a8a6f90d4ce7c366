// The one order of findings in every report and output: most severe first, then by account (none
// in a template report), rule, resource and discriminator, so two runs over the same data list
// them identically.
import { SEVERITY_RANK } from '../model/severity.js';
import type { ReportFinding } from './model.js';

export function compareFindings(a: ReportFinding, b: ReportFinding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (a.accountId ?? '').localeCompare(b.accountId ?? '') ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.resource.localeCompare(b.resource) ||
    (a.discriminator ?? '').localeCompare(b.discriminator ?? '')
  );
}
