import { z } from 'zod';
import { allowedEverywhereFindings, listWithMore } from '../shared/policy-findings.js';
import { plural } from '../../util/words.js';
import { defineRule } from '../types.js';

export const policyWriteWildcardResource = defineRule({
  id: 'policy-write-wildcard-resource',
  title: 'Write actions are limited to specific resources',
  severity: 'low',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  enabledByDefault: false,
  options: z.object({}).strict(),
  docs: {
    rationale:
      'A Write or Permissions-management action on Resource `*` can change or delete every resource of ' +
      "its type in the account, not just the workload's own. Scoping writes to the resources a workload " +
      'owns limits what a bug or a stolen credential can destroy.\n\n' +
      'Off by default because most accounts have many such grants. Actions that support no resource type ' +
      '(Resource `*` is their only option, per the IAM action catalogue) are ' +
      'not reported, nor are grants under a condition, which already narrow them. One finding per ' +
      'customer managed policy (default version) or inline policy, with a count and the first few ' +
      'actions. Full-admin documents are reported by policy-full-admin instead.',
    remediation:
      "Replace `*` with the ARNs (or ARN patterns with the workload's prefix) of the resources the " +
      'workload writes to, or add conditions such as `aws:ResourceTag/team`.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html',
    ],
  },
  frameworks: {},
  check: (context) =>
    allowedEverywhereFindings(
      context,
      (catalog) => catalog.writeOrPermissions.clone().subtract(catalog.wildcardOnly),
      (actions, count) =>
        `${plural(count, 'write action')} on every resource: ${listWithMore(actions, 5, count)}`,
      { unconditionalOnly: true },
    ),
});
