import { z } from 'zod';
import { analyzeAccount } from '../../policy/account-analysis.js';
import { conditionalSuffix, documentFinding, statementEvidence } from '../shared/policy-findings.js';
import { documentReadable } from '../shared/undecodable-policies.js';
import { cis, defineRule } from '../types.js';

export const policyFullAdmin = defineRule({
  id: 'policy-full-admin',
  title: 'No customer managed or inline policy grants full administrator access',
  severity: 'high',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  options: z.object({}).strict(),
  docs: {
    rationale:
      'A policy that allows every action on every resource makes whoever holds it an administrator: able to ' +
      'read every secret, delete every resource and grant itself or anyone else anything. Such policies ' +
      'should be the rare, deliberate AWS managed `AdministratorAccess` on a break-glass role, not a ' +
      'custom document copied around.\n\n' +
      'A document is full admin when, on its own, it allows every action of the IAM action catalogue on ' +
      'Resource `*`: `"Action": "*"`, a list of `service:*` covering everything, or a ' +
      '`NotAction` that only excludes actions that do not exist (IAM does not reject unknown action ' +
      'names). `arn:aws:*` falls short: actions that take no resource type (`ec2:DescribeInstances`...) ' +
      'are only granted on `*`. A Deny on every resource in the same document removes what it denies; a grant under a ' +
      'condition is still reported, marked conditional. One finding per document: every customer ' +
      'managed policy (default version, attached or not) and every inline policy of a user, group or ' +
      'role. AWS managed policies are not reported here; principal-full-admin reports who holds them.',
    remediation:
      'Replace the document with one that grants the actions the job needs, on the resources it needs ' +
      '(IAM Access Analyzer can generate a policy from CloudTrail activity). If an administrator role is ' +
      'truly needed, use the AWS managed `AdministratorAccess` on a role that requires MFA to assume, so ' +
      'the grant is visible and deliberate.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1',
    ],
  },
  frameworks: {
    ...cis({ v3: '1.16', v4: '1.16', v5: '1.15', v6: '2.15', v7: '2.14' }),
    'aws-security-hub': ['IAM.1'],
  },
  check: ({ snapshot, notEvaluated }) => {
    const analysis = analyzeAccount(snapshot);
    return analysis.policyDocuments().flatMap((entry) => {
      if (!documentReadable(entry, notEvaluated)) return [];
      const admin = entry.permissions.fullAdmin();
      if (!admin) return [];
      const catalogued = analysis.env.catalog.catalogued;
      const granting = entry.permissions.statementsAllowingEverywhere(catalogued);
      // Name the statements that grant everything on their own, else all that add up to it.
      const alone = granting.filter((grant) => grant.statement.actions.containsAll(catalogued));
      const statements = alone.length > 0 ? alone : granting;
      return [
        documentFinding(
          entry,
          `${entry.label} allows every action on every resource${conditionalSuffix(admin.conditional, admin.conditionKeys)}.`,
          {
            statements: statementEvidence(statements),
            ...(admin.conditional ? { conditional: true, conditionKeys: admin.conditionKeys } : {}),
          },
        ),
      ];
    });
  },
});
