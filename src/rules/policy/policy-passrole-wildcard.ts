import { z } from 'zod';
import { allowedEverywhereFindings } from '../shared/policy-findings.js';
import { defineRule } from '../types.js';

export const policyPassroleWildcard = defineRule({
  id: 'policy-passrole-wildcard',
  title: 'iam:PassRole is limited to the roles a principal must pass',
  severity: 'medium',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  options: z.object({}).strict(),
  docs: {
    rationale:
      '`iam:PassRole` lets a principal hand a role to a service (EC2, Lambda, ECS, Glue, CloudFormation...), ' +
      "which then runs with that role's permissions. Allowed on Resource `*`, it means *any* role, " +
      'including administrator roles, so whoever can launch an instance or create a function can act as ' +
      'any role in the account.\n\n' +
      'One finding per customer managed policy (default version) or inline policy that allows ' +
      '`iam:PassRole` on every resource, whether by name, `iam:Pass*`, `iam:*` or a NotAction. A condition ' +
      'such as `iam:PassedToService` narrows the services but not the roles: the finding stays, marked ' +
      'conditional. Full-admin documents are reported by policy-full-admin instead.',
    remediation:
      'List the role ARNs (or a path such as `arn:aws:iam::123456789012:role/app/*`) the principal must ' +
      'pass, and add an `iam:PassedToService` condition naming the service that should receive them.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService',
    ],
  },
  frameworks: {},
  check: (context) =>
    allowedEverywhereFindings(
      context,
      (catalog) => catalog.setOf(['iam:PassRole']),
      () =>
        'iam:PassRole on every resource (any role, administrator roles included, can be handed to a service)',
    ),
});
