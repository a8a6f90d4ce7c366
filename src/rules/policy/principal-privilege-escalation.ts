import { z } from 'zod';
import { analyzeAccount } from '../../policy/account-analysis.js';
import type { GrantEvidence, PrincipalAnalysis } from '../../policy/account-analysis.js';
import type { Grant } from '../../policy/effective.js';
import type { MethodMatch } from '../../policy/escalation.js';
import { allowPrincipalsOption, describePrincipal, isExempt, listWithMore } from '../../policy/findings.js';
import { countOf } from '../shared/words.js';
import { policiesReadable } from '../shared/undecodable-policies.js';
import { defineRule } from '../types.js';

/**
 * Evidence: each method with, per action, an index into one table of granting statements. Methods
 * share grants (one iam:PassRole statement serves a dozen PassRole methods), so the table keeps
 * reports of principals with many methods readable and small.
 */
function escalationEvidence(
  principal: PrincipalAnalysis,
  matches: readonly MethodMatch[],
): Record<string, unknown> {
  const grants: GrantEvidence[] = [];
  const indexOf = new Map<string, number>();
  const reference = (grant: Grant) => {
    // Equal evidence, equal key: the same statement of the same policy on the same resource.
    const key = [
      grant.policy,
      grant.statement.index,
      grant.resource,
      grant.conditional,
      grant.conditionKeys,
    ].join('|');
    let index = indexOf.get(key);
    if (index === undefined) {
      index = grants.push(principal.grantEvidence(grant)) - 1;
      indexOf.set(key, index);
    }
    return index;
  };
  const methods = matches.map((match) => methodEvidence(match, reference));
  return { methods, grants, ...principal.limitsEvidence() };
}

function methodEvidence(match: MethodMatch, reference: (grant: Grant) => number): Record<string, unknown> {
  return {
    id: match.method.id,
    name: match.method.name,
    severity: match.severity,
    ...(match.lowered ? { severityLowered: match.lowered } : {}),
    ...(match.conditional ? { conditional: true } : {}),
    ...(match.assumption ? { assumption: match.assumption } : {}),
    grantedBy: Object.fromEntries(match.grants.map(({ action, grant }) => [action, reference(grant)])),
    ...(match.passableRoles && match.passableRoles.length > 0 ? { passableRoles: match.passableRoles } : {}),
    ...(match.policyVersion ? { policyVersion: match.policyVersion } : {}),
    ...(match.adminRoles ? { adminRoles: match.adminRoles.map((role) => role.arn) } : {}),
    sources: match.method.sources,
  };
}

export const principalPrivilegeEscalation = defineRule({
  id: 'principal-privilege-escalation',
  title: 'No principal can raise its own privileges through a known escalation method',
  severity: 'high',
  needs: ['authorizationDetails'],
  options: z.object({ allowPrincipals: allowPrincipalsOption }).strict(),
  docs: {
    rationale:
      'A principal that may, say, create an access key for another user, publish a new version of a ' +
      'policy attached to itself, or pass a powerful role to a Lambda function it writes, is only a few ' +
      'API calls away from that power, whatever its policies seem to say. Attackers who steal its ' +
      'credentials look for exactly these paths.\n\n' +
      "iamspect checks its own catalogue of methods against each user's and role's effective permissions " +
      '(the catalogue, each method with its actions and public source, is docs/escalation-methods.md): ' +
      'compiled from Rhino Security Labs, Bishop Fox iam-vulnerable, NCC Group PMapper, Salesforce ' +
      "Cloudsplaining and Datadog's pathfinding.cloud paths, and from write-ups and AWS documentation " +
      'for a few more. Effective permissions take in policies, group policies, Denies, the boundary and ' +
      'SCPs. A method ' +
      'counts only when every action it needs is allowed on a resource it can exploit: a key for *another* ' +
      'user (`user/${aws:username}` is self-only), a *customer* managed policy (AWS managed ones cannot be ' +
      'changed), a role for PassRole (with `iam:PassedToService` evaluated). SetDefaultPolicyVersion counts ' +
      'only when a policy the principal holds has a non-default version that grants more. Assuming a role ' +
      'counts when a full-admin role trusts the account or the principal. IAM Identity Center methods ' +
      "(permission sets and account assignments) count only in the organization's management account, " +
      'and, when organization data is missing, are reported as conditional on being it.\n\n' +
      "Methods that end up running as a service's role (PassRole to Lambda, EC2, Glue..., or taking over " +
      'an existing function, instance or stack) are reported at medium severity when no role in the ' +
      'account can be used that way yet (none the principal may pass trusts the service, or none trusts ' +
      'it at all): the path opens as soon as one is created. Principals that already have full admin are ' +
      'reported by principal-full-admin instead; service-linked roles never. The evidence names each ' +
      'method and, per action, the policy and statement that grant it.',
    remediation:
      'Remove the actions the principal does not need, or scope them: `iam:PassRole` to the specific roles ' +
      'it must pass with an `iam:PassedToService` condition, IAM write actions to `${aws:username}` or a ' +
      'path, policy versioning to no one outside the team that owns IAM. A permissions boundary on the ' +
      'principal (and required on any role it creates) closes most of these paths at once.',
    references: [
      'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/',
      'https://github.com/BishopFox/iam-vulnerable',
      'https://pathfinding.cloud/',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot, options, notEvaluated }) =>
    analyzeAccount(snapshot).principals.flatMap((principal) => {
      if (isExempt(principal, options.allowPrincipals)) return [];
      if (!policiesReadable(principal, notEvaluated)) return [];
      const matches = principal.escalations;
      if (matches.length === 0) return [];
      const high = matches.filter((match) => match.severity === 'high');
      const named = matches.map(
        (match) =>
          `${match.method.id} (${match.method.name})${match.assumption ? ` ${match.assumption}` : ''}`,
      );
      // All medium: each needs a role that does not exist yet; say which.
      const reasons = [...new Set(matches.map((match) => match.lowered))];
      const lowered = high.length === 0 ? `, none usable yet (${reasons.join('; ')})` : '';
      return [
        {
          resource: principal.arn,
          message:
            `${describePrincipal(principal)} can escalate its privileges with ` +
            `${countOf(matches.length, 'known method')}: ${listWithMore(named, 3)}${lowered}.`,
          ...(high.length === 0 ? { severity: 'medium' as const } : {}),
          evidence: escalationEvidence(principal, matches),
        },
      ];
    }),
});
