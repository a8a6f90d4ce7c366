import { z } from 'zod';
import { accessGraph } from '../../graph/access-graph.js';
import { adminByAssuming } from '../../graph/paths.js';
import { analyzeAccount } from '../../policy/account-analysis.js';
import {
  allowPrincipalsOption,
  conditionalSuffix,
  describePrincipal,
  fullAdminSources,
  isExempt,
  pathEvidence,
  pathWithMethods,
} from '../shared/policy-findings.js';
import { policiesReadable } from '../shared/undecodable-policies.js';
import { cis, defineRule } from '../types.js';

export const principalFullAdmin = defineRule({
  id: 'principal-full-admin',
  title: 'Only deliberate principals hold full administrator access',
  severity: 'high',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  supersededBy: ['role-compute-admin'],
  options: z.object({ allowPrincipals: allowPrincipalsOption }).strict(),
  docs: {
    rationale:
      'Every user, group and role whose effective permissions are full admin is a way to take over the ' +
      'account: its credentials, a process running as it, or anyone who can change it. Keeping that set ' +
      'small and known is the point of least privilege.\n\n' +
      "Effective permissions follow IAM: the union of the principal's inline and attached policies (for " +
      "a user, its groups' too), minus explicit Denies, within its permissions boundary and the SCPs of " +
      "the account when they were collected. Only a managed policy's default version counts. Full admin " +
      'means every action of the IAM action catalogue allowed on every resource; a grant that depends on ' +
      'a condition (MFA, source IP...) is still reported and marked conditional. AWS managed policies ' +
      'referenced without their document are recognised by ARN (AdministratorAccess, PowerUserAccess, ' +
      'IAMFullAccess); any other missing policy is listed in the evidence, never guessed.\n\n' +
      'A principal that holds no admin policy but can assume a full-admin role (directly or through a ' +
      'chain of roles, as the access graph of docs/access-graph.md finds them) has full admin too: it is ' +
      'reported with the path. Paths that need an escalation method rather than role assumption are ' +
      'principal-privilege-escalation findings.\n\n' +
      'A role that compute services can assume is reported by role-compute-admin instead. ' +
      'Service-linked roles are never reported (AWS owns them). List break-glass users or SSO ' +
      'administrator roles in `allowPrincipals` to accept them explicitly.',
    remediation:
      'Give the principal the permissions its job needs instead, through a group or role. Keep ' +
      'administrator access for a few roles that require MFA to assume, and add those to ' +
      '`allowPrincipals` (or suppress their findings with a reason).',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
    ],
  },
  frameworks: cis({ v3: '1.16', v4: '1.16', v5: '1.15', v6: '2.15', v7: '2.14' }),
  check: ({ snapshot, options, notEvaluated }) => {
    const graph = accessGraph(snapshot);
    return analyzeAccount(snapshot).principals.flatMap((principal) => {
      if (isExempt(principal, options.allowPrincipals)) return [];
      if (!policiesReadable(principal, notEvaluated)) return [];
      const admin = principal.fullAdmin;
      if (!admin) {
        const path = principal.kind === 'group' ? null : adminByAssuming(graph, graph.node(principal.arn)!);
        if (!path) return [];
        return [
          {
            resource: principal.arn,
            message:
              `${describePrincipal(principal)} has full admin by assuming roles` +
              `${path.conditional ? ' under conditions' : ''}: ${pathWithMethods(path)}.`,
            evidence: pathEvidence(snapshot, path),
          },
        ];
      }
      return [
        {
          resource: principal.arn,
          message:
            `${describePrincipal(principal)} has full admin (every action on every resource) through ` +
            `${fullAdminSources(principal, admin)}${conditionalSuffix(admin.conditional, admin.conditionKeys)}.`,
          evidence: principal.fullAdminEvidence(admin),
        },
      ];
    });
  },
});
