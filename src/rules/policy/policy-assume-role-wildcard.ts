import { z } from 'zod';
import { allowedEverywhereFindings } from '../shared/policy-findings.js';
import { defineRule } from '../types.js';

export const policyAssumeRoleWildcard = defineRule({
  id: 'policy-assume-role-wildcard',
  title: 'sts:AssumeRole is limited to the roles a principal must assume',
  severity: 'medium',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  options: z.object({}).strict(),
  docs: {
    rationale:
      'With `sts:AssumeRole` on Resource `*`, the only thing between the principal and any role is that ' +
      "role's trust policy. Every role that trusts the whole account (`arn:aws:iam::ACCOUNT:root`) and " +
      'every role of another account that trusts this one becomes reachable, including ones created ' +
      'later. Naming the roles keeps both sides of the trust explicit.\n\n' +
      'One finding per customer managed policy (default version) or inline policy that allows ' +
      '`sts:AssumeRole` on every resource (by name, `sts:Assume*`, `sts:*` or a NotAction); grants under a ' +
      'condition are marked conditional. Full-admin documents are reported by policy-full-admin instead.',
    remediation:
      'List the role ARNs the principal needs to assume (a path such as `role/deploy/*` keeps the list ' +
      "short), and make the roles' trust policies name the principals that may assume them.",
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html',
    ],
  },
  frameworks: {},
  check: (context) =>
    allowedEverywhereFindings(
      context,
      (catalog) => catalog.setOf(['sts:AssumeRole']),
      () => 'sts:AssumeRole on every resource (any role whose trust policy admits the principal)',
    ),
});
