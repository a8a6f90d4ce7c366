import { z } from 'zod';
import { analyzeAccount } from '../../policy/account-analysis.js';
import { statementId, statementLabel, trustedRoles } from '../shared/policy-findings.js';
import { constrainedKeys } from '../../policy/trust.js';
import { defineRule } from '../types.js';

/** Condition keys that tie a request to an account, organization, principal or shared secret. */
const RESTRICTING_KEYS = [
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:PrincipalAccount',
  'aws:PrincipalArn',
  'aws:userid',
  'aws:SourceAccount',
  'aws:SourceArn',
  'aws:SourceOrgID',
  'aws:SourceOrgPaths',
  'aws:SourceOwner',
  'sts:ExternalId',
];
const RESTRICTING = new Set(RESTRICTING_KEYS.map((key) => key.toLowerCase()));

export const roleTrustAnyPrincipal = defineRule({
  id: 'role-trust-any-principal',
  title: 'No role can be assumed by any AWS principal',
  severity: 'critical',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  options: z.object({}).strict(),
  docs: {
    rationale:
      'A trust policy that allows `"Principal": "*"` (or `{"AWS": "*"}`) lets any AWS account in the ' +
      'world call `sts:AssumeRole` on the role: anyone who learns its ARN gets its permissions. It ' +
      'usually comes from a template meant to be narrowed, or a condition that was dropped.\n\n' +
      'A statement is reported unless a positive condition ties the caller down: ' +
      `${RESTRICTING_KEYS.map((key) => `\`${key}\``).join(', ')}. Negated operators, \`...IfExists\` and ` +
      'values of `*` restrict nothing. An Allow with `NotPrincipal` counts as any principal. One finding ' +
      'per role; service-linked roles are never reported.',
    remediation:
      'Name the accounts or roles that may assume the role in `Principal`, or keep `*` only together ' +
      'with a condition such as `aws:PrincipalOrgID` equal to your organization id.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid',
    ],
  },
  frameworks: {},
  check: ({ snapshot, notEvaluated }) => {
    const analysis = analyzeAccount(snapshot);
    return trustedRoles(analysis, notEvaluated).flatMap(({ role, statements }) => {
      const open = statements.filter(
        (s) => s.anyPrincipal && ![...constrainedKeys(s.condition)].some((key) => RESTRICTING.has(key)),
      );
      if (open.length === 0) return [];
      return [
        {
          resource: role.arn,
          message: `Role ${role.name} can be assumed by any AWS principal (${open.map(statementLabel).join(', ')}) with no condition restricting who.`,
          evidence: { statements: open.map(statementId) },
        },
      ];
    });
  },
});
