import { z } from 'zod';
import { accessGraph } from '../../graph/access-graph.js';
import { escalationPath } from '../../graph/paths.js';
import { analyzeAccount } from '../../policy/account-analysis.js';
import {
  allowPrincipalsOption,
  describePrincipal,
  isExempt,
  pathEvidence,
  pathWithMethods,
} from '../shared/policy-findings.js';
import { plural } from '../../util/words.js';
import { policiesReadable } from '../shared/undecodable-policies.js';
import { defineRule } from '../types.js';

export const principalPrivilegeEscalation = defineRule({
  id: 'principal-privilege-escalation',
  title: 'No principal can reach more permissions than it holds',
  severity: 'high',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  options: z.object({ allowPrincipals: allowPrincipalsOption }).strict(),
  docs: {
    rationale:
      'A principal that may assume a role trusting it, create an access key for another user, publish a ' +
      'new version of a policy attached to itself, or pass a powerful role to a Lambda function it writes, ' +
      'is a few API calls away from that power, whatever its own policies seem to say. Attackers who steal ' +
      'its credentials look for exactly these paths.\n\n' +
      'iamspect builds the access graph of the account (docs/access-graph.md): an edge from A to B says A ' +
      "can act with B's permissions, through a role assumption (a same-account trust naming A needs no " +
      'identity grant; one naming the account needs sts:AssumeRole granted), the credentials of a user, a ' +
      'change to the policies or boundary of a principal A can act as, joining a group, rewriting a trust ' +
      'policy, or passing a role to (or taking over) compute, with the methods catalogued by public research ' +
      '(Rhino Security Labs, Bishop Fox iam-vulnerable, NCC Group PMapper, pathfinding.cloud; each method ' +
      'with its actions and public source is listed in docs/escalation-methods.md). Every edge is ' +
      'judged on effective permissions (Denies, boundary, SCPs, decidable conditions). A principal is ' +
      'reported when a path leads to a node that can do something it cannot: high when the path ends at ' +
      'full admin, medium otherwise. A target no more privileged than the start (a logs-only role passed ' +
      'to Lambda) is not an escalation. Edges that hinge on a condition that cannot be decided offline ' +
      '(MFA, source IP, an external id) are followed and marked conditional. The message names the whole ' +
      'path and the evidence holds, for each hop, the statements that allow it. Principals that are full ' +
      'admin themselves are reported by principal-full-admin instead; service-linked roles never. Only ' +
      'identity-based access is covered: resource-based policies are not collected.',
    remediation:
      'Break the path at its weakest hop: scope `iam:PassRole` to the roles the principal must pass with an ' +
      '`iam:PassedToService` condition, IAM write actions to `${aws:username}` or a path, trust policies ' +
      'to the principals that need the role, policy versioning to the team that owns IAM. `iamspect paths ' +
      'PRINCIPAL` lists every path; a permissions boundary on the principal closes most of them at once.',
    references: [
      'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/',
      'https://github.com/BishopFox/iam-vulnerable',
      'https://pathfinding.cloud/',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot, options, notEvaluated }) => {
    const analysis = analyzeAccount(snapshot);
    const graph = accessGraph(snapshot);
    return [...analysis.users, ...analysis.roles].flatMap((principal) => {
      if (isExempt(principal, options.allowPrincipals)) return [];
      if (!policiesReadable(principal, notEvaluated)) return [];
      const path = escalationPath(graph, graph.node(principal.arn)!);
      if (!path) return [];
      const end = path.admin ? 'full admin' : `more permissions (${path.end.label})`;
      return [
        {
          resource: principal.arn,
          message:
            `${describePrincipal(principal)} can reach ${end}${path.conditional ? ' under conditions' : ''} in ` +
            `${plural(path.hops.length, 'hop')}: ${pathWithMethods(path)}.`,
          ...(path.admin ? {} : { severity: 'medium' as const }),
          evidence: { ...pathEvidence(snapshot, path), ...principal.limitsEvidence() },
        },
      ];
    });
  },
});
