import { z } from 'zod';
import { analyzeAccount } from '../../policy/account-analysis.js';
import type { CompiledStatement } from '../../policy/compiled-policy.js';
import { documentFinding, statementId } from '../shared/policy-findings.js';
import { plural, joinWithAnd } from '../../util/words.js';
import { documentReadable } from '../shared/undecodable-policies.js';
import { defineRule } from '../types.js';

function negatedElements(statement: CompiledStatement): string[] {
  return [...(statement.notAction ? ['NotAction'] : []), ...(statement.notResource ? ['NotResource'] : [])];
}

export const policyNotActionAllow = defineRule({
  id: 'policy-not-action-allow',
  title: 'Allow statements name what they allow, without NotAction or NotResource',
  severity: 'medium',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  supersededBy: ['policy-full-admin'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      '`"Effect": "Allow"` with `NotAction` allows every action except those listed, including every ' +
      'action AWS adds later and any name misspelt in the list (IAM does not reject unknown action names, ' +
      'so a typo widens the grant instead of failing). `NotResource` does the same for resources. Such ' +
      'statements are almost always broader than their author meant; `NotAction` belongs in Deny ' +
      'statements.\n\n' +
      'One finding per customer managed policy (default version) or inline policy with at least one such ' +
      'Allow statement, listing them. Full-admin documents are reported by policy-full-admin instead.',
    remediation:
      'Rewrite the statement as an Allow of the actions (and resources) needed. To allow "everything but ' +
      'X", pair a narrower Allow with an explicit `"Effect": "Deny"` of X, which also protects against ' +
      'other policies granting X.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot, notEvaluated }) =>
    analyzeAccount(snapshot)
      .policyDocuments()
      .flatMap((entry) => {
        if (!documentReadable(entry, notEvaluated)) return [];
        const statements = entry.compiled.statements.filter(
          (statement) => statement.effect === 'Allow' && (statement.notAction || statement.notResource),
        );
        if (statements.length === 0) return [];
        const elements = [...new Set(statements.flatMap(negatedElements))];
        return [
          documentFinding(
            entry,
            `${entry.label} has ${plural(statements.length, 'Allow statement')} with ${joinWithAnd(elements)}.`,
            {
              statements: statements.map((s) => ({
                statement: statementId(s),
                elements: negatedElements(s),
              })),
            },
          ),
        ];
      }),
});
