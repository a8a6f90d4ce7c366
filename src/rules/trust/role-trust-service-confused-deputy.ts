import { z } from 'zod';
import { analyzeAccount } from '../../policy/account-analysis.js';
import { statementId, trustedRoles } from '../shared/policy-findings.js';
import { COMPUTE_SERVICE_PRINCIPALS, constrainedKeys } from '../../policy/trust.js';
import { joinWithAnd } from '../../util/words.js';
import { defineRule } from '../types.js';

const COMPUTE = new Set(COMPUTE_SERVICE_PRINCIPALS);

/** Services that could act as a confused deputy: not those running the account's own code. */
function deputies(services: readonly string[]): string[] {
  return services.filter((service) => !COMPUTE.has(service));
}

/** Keys that tie a service's request to the account or resource it acts for. */
const SOURCE_KEYS = ['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths'];

export const roleTrustServiceConfusedDeputy = defineRule({
  id: 'role-trust-service-confused-deputy',
  title: 'Roles trusted by AWS services say on whose behalf the service may assume them',
  severity: 'low',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  options: z.object({}).strict(),
  docs: {
    rationale:
      'When a service principal such as `sns.amazonaws.com` may assume a role, the service could in ' +
      'principle be steered by *another* customer into using it (the cross-service confused deputy ' +
      'problem). `aws:SourceAccount` or `aws:SourceArn` (or `aws:SourceOrgID`, `aws:SourceOrgPaths`) in ' +
      'the trust policy limits the role to requests the service makes for your own account or resource.\n\n' +
      'One finding per role whose trust policy lets a service principal assume it without one of those ' +
      'keys in a positive condition. Not every service sends them for every use (EC2 instance profiles, ' +
      "for instance, do not), which is why the severity is low: check the service's documentation before " +
      'adding a condition it will not satisfy. Service-linked roles are never reported.',
    remediation:
      'Add `"Condition": {"StringEquals": {"aws:SourceAccount": "<this account id>"}}` (or `ArnLike` on ' +
      '`aws:SourceArn` with the resource that uses the role) to the statement trusting the service.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html#cross-service-confused-deputy-prevention',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceaccount',
    ],
  },
  frameworks: {},
  check: ({ snapshot, notEvaluated }) =>
    trustedRoles(analyzeAccount(snapshot), notEvaluated).flatMap(({ role, statements }) => {
      const open = statements.filter((statement) => {
        const keys = constrainedKeys(statement.condition);
        return deputies(statement.services).length > 0 && !SOURCE_KEYS.some((key) => keys.has(key));
      });
      if (open.length === 0) return [];
      const services = [...new Set(open.flatMap((s) => deputies(s.services)))].sort();
      return [
        {
          resource: role.arn,
          message: `Role ${role.name} trusts ${joinWithAnd(services)} without aws:SourceAccount or aws:SourceArn.`,
          evidence: { services, statements: open.map(statementId) },
        },
      ];
    }),
});
