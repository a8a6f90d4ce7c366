import { z } from 'zod';
import { accessGraph } from '../../graph/access-graph.js';
import { escalationPath } from '../../graph/paths.js';
import { analyzeAccount } from '../../policy/account-analysis.js';
import { fullAdminSources, pathEvidence, pathWithMethods, trustedRoles } from '../shared/policy-findings.js';
import { SERVICES_RUNNING_AS_ROLE } from '../../policy/privesc-methods.js';
import { COMPUTE_SERVICE_PRINCIPALS } from '../../policy/trust.js';
import { joinWithAnd } from '../../util/words.js';
import { policiesReadable } from '../shared/undecodable-policies.js';
import { defineRule } from '../types.js';

/**
 * Every service of the escalation catalogue that runs a caller's code or commands with a role, and
 * the compute services it has no method for (Lambda@Edge, EKS pods...): one source of truth, so a
 * method added to the catalogue is covered here too.
 */
const COMPUTE_SERVICES = [...new Set([...SERVICES_RUNNING_AS_ROLE, ...COMPUTE_SERVICE_PRINCIPALS])].sort();
const COMPUTE = new Set(COMPUTE_SERVICES);

export const roleComputeAdmin = defineRule({
  id: 'role-compute-admin',
  title: 'Roles used by compute services are neither full admin nor able to escalate',
  severity: 'high',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  options: z.object({}).strict(),
  docs: {
    rationale:
      "Code running on EC2, Lambda, ECS, CodeBuild, Glue, SageMaker and the like gets its role's " +
      'credentials from the environment: one vulnerable dependency, SSRF to the metadata service or ' +
      'malicious build step hands them to an attacker. If the role is full admin, or can escalate to it, ' +
      'that one bug is the whole account.\n\n' +
      'Compute services are those of the escalation catalogue (docs/escalation-methods.md) that run a ' +
      "caller's code, commands or templates with a role, and other compute services: " +
      `${COMPUTE_SERVICES.map((s) => `\`${s}\``).join(', ')}. A role is reported when ` +
      'its trust policy lets one of them assume it and its effective permissions are full admin, or it ' +
      'can reach more permissions through a path of the access graph (as principal-privilege-escalation ' +
      'finds them; the finding names the path). Service-linked roles are never reported.',
    remediation:
      'Give the workload a role with only the actions and resources it uses; if it truly administers ' +
      'the account (a deployment pipeline), run it in a dedicated account or behind a permissions ' +
      'boundary, and protect the compute itself (IMDSv2, no public build triggers).',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html',
      'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot, notEvaluated }) => {
    const graph = accessGraph(snapshot);
    return trustedRoles(analyzeAccount(snapshot), notEvaluated).flatMap(({ role, principal, statements }) => {
      const services = [
        ...new Set(statements.flatMap((s) => s.services).filter((s) => COMPUTE.has(s))),
      ].sort();
      if (services.length === 0) return [];
      if (!policiesReadable(principal, notEvaluated)) return [];
      const admin = principal.fullAdmin;
      const path = admin ? null : escalationPath(graph, graph.node(role.arn)!);
      if (!admin && !path) return [];
      const what = admin
        ? `has full admin through ${fullAdminSources(principal, admin)}`
        : `can reach ${path!.admin ? 'full admin' : 'more permissions'}${path!.conditional ? ' under conditions' : ''}: ${pathWithMethods(path!)}`;
      return [
        {
          resource: role.arn,
          message: `Role ${role.name}, assumable by ${joinWithAnd(services)}, ${what}.`,
          evidence: {
            services,
            ...(admin ? principal.fullAdminEvidence(admin) : pathEvidence(snapshot, path!)),
          },
        },
      ];
    });
  },
});
