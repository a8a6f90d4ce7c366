// Policy documents that could not be decoded (URL-encoded twice, not JSON after decoding) have no
// statements in the snapshot, which analysis would read as "grants nothing, denies nothing". What
// they really say is unknown: the document may grant admin or deny everything. A rule that judges
// such a document, or a principal holding one, reports it not evaluated instead of judging what is
// left, which would be a guess either way. policy-invalid still reports the document itself.
import type { PolicyDocumentEntry, PrincipalAnalysis } from '../../policy/account-analysis.js';
import { undecodableDocument } from '../../policy/account-analysis.js';
import type { RoleDetail } from '../../snapshot/schema.js';
import type { RuleContext } from '../types.js';

type NotEvaluated = RuleContext<unknown>['notEvaluated'];

const UNKNOWN_GRANTS = 'what it grants or denies is unknown';

/**
 * Whether every policy of the principal (its own, its groups', its boundary) could be decoded.
 * When not, the principal is reported not evaluated, naming each policy, and the answer is false.
 */
export function policiesReadable(principal: PrincipalAnalysis, notEvaluated: NotEvaluated): boolean {
  for (const policy of principal.undecodablePolicies) {
    notEvaluated(principal.arn, `${policy}: ${UNKNOWN_GRANTS}`);
  }
  return principal.undecodablePolicies.length === 0;
}

/** Whether a document judged on its own could be decoded; when not, it is reported not evaluated. */
export function documentReadable(entry: PolicyDocumentEntry, notEvaluated: NotEvaluated): boolean {
  const problem = undecodableDocument(entry.label, entry.compiled.document);
  if (problem) notEvaluated(entry.resource, `${problem}: ${UNKNOWN_GRANTS}`);
  return problem === null;
}

/** Whether a role's trust policy could be decoded; when not, the role is reported not evaluated. */
export function trustReadable(role: RoleDetail, notEvaluated: NotEvaluated): boolean {
  const problem = undecodableDocument(`Trust policy of role ${role.name}`, role.trustPolicy);
  if (problem) notEvaluated(role.arn, `${problem}: who may assume it is unknown`);
  return problem === null;
}
