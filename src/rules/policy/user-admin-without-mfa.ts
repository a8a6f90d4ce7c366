import { z } from 'zod';
import { accessGraph } from '../../graph/access-graph.js';
import { adminPath } from '../../graph/paths.js';
import { analyzeAccount } from '../../policy/account-analysis.js';
import {
  conditionalSuffix,
  fullAdminSources,
  pathEvidence,
  pathWithMethods,
} from '../shared/policy-findings.js';
import { sectionData } from '../../snapshot/access.js';
import { policiesReadable } from '../shared/undecodable-policies.js';
import { defineRule } from '../types.js';

export const userAdminWithoutMfa = defineRule({
  id: 'user-admin-without-mfa',
  title: 'Every IAM user with full admin access has MFA',
  severity: 'critical',
  needs: ['credentialReport', 'authorizationDetails'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'An administrator whose only protection is a password or an access key loses the account to the ' +
      'first phishing page, leaked dotfile or reused password. Of all users without MFA, these are the ' +
      'ones to fix first.\n\n' +
      'Full admin is judged on effective permissions, as principal-full-admin does (policies, group ' +
      'policies, Denies, boundary, SCPs; grants under a condition count and are marked). MFA comes from ' +
      "the credential report's `mfa_active`. A user created after the credential report was generated " +
      'has no row in it and cannot be judged: it is left out rather than guessed. A user that can reach ' +
      'full admin through a path of the access graph (assuming a role, changing its own policies... see ' +
      'docs/access-graph.md) counts too, and the finding names the path.',
    remediation:
      'Enable MFA for the user now (a FIDO security key is the strongest option), or remove the ' +
      'administrator permissions and let the user assume an administrator role whose trust policy ' +
      'requires `aws:MultiFactorAuthPresent`.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot, notEvaluated }) => {
    const rows = new Map(sectionData(snapshot, 'credentialReport').rows.map((row) => [row.arn, row]));
    const graph = accessGraph(snapshot);
    return analyzeAccount(snapshot).users.flatMap((user) => {
      const row = rows.get(user.arn);
      if (!row || row.mfaActive) return [];
      if (!policiesReadable(user, notEvaluated)) return [];
      const credentials = {
        passwordEnabled: row.passwordEnabled,
        activeAccessKeys: row.accessKeys.filter((key) => key.active).length,
      };
      const admin = user.fullAdmin;
      if (!admin) {
        const path = adminPath(graph, graph.node(user.arn)!);
        if (!path) return [];
        return [
          {
            resource: user.arn,
            message:
              `User ${user.name} can reach full admin${path.conditional ? ' under conditions' : ''} through ` +
              `${pathWithMethods(path)} and has no MFA device.`,
            evidence: { ...credentials, ...pathEvidence(snapshot, path) },
          },
        ];
      }
      return [
        {
          resource: user.arn,
          message:
            `User ${user.name} has full admin through ${fullAdminSources(user, admin)}` +
            `${conditionalSuffix(admin.conditional, admin.conditionKeys)} and no MFA device.`,
          evidence: {
            ...credentials,
            ...user.fullAdminEvidence(admin),
          },
        },
      ];
    });
  },
});
