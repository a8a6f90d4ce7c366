import { z } from 'zod';
import { publicStatements, RESTRICTING_KEYS } from '../../policy/public-access.js';
import type { PublicStatement } from '../../policy/public-access.js';
import { RESOURCE_POLICY_SOURCES } from '../shared/resource-policy-sources.js';
import { cis, defineRule } from '../types.js';
import type { Finding } from '../types.js';

/** A statement as a message names it: its Sid, or its position. */
const label = (statement: PublicStatement) =>
  statement.sid ? `statement "${statement.sid}"` : `statement ${statement.index + 1}`;

export const resourcePolicyPublic = defineRule({
  id: 'resource-policy-public',
  title: 'No resource policy lets anyone in',
  severity: 'critical',
  needs: RESOURCE_POLICY_SOURCES.map((source) => source.section),
  options: z.object({}).strict(),
  docs: {
    rationale:
      'A resource policy that allows `"Principal": "*"` (or `{"AWS": "*"}`, or an Allow with `NotPrincipal`) ' +
      'lets every AWS account in the world, and for some services anonymous callers, use the resource: ' +
      'publish to a topic, read a queue, decrypt with a key, invoke a function, read a secret, pull an image. ' +
      'Checked: S3 buckets, SNS topics, SQS queues, KMS keys, Lambda functions, Secrets Manager secrets ' +
      'and ECR repositories, in every enabled region. A bucket policy is judged here by its statements, ' +
      'as every other resource policy; s3-bucket-public-access judges the bucket as a whole (policy status, ' +
      'ACLs and Block Public Access).\n\n' +
      'As in IAM Access Analyzer and S3, a statement is not public when a positive condition pins a ' +
      `restricting key to definite values: ${RESTRICTING_KEYS.map((key) => `\`${key}\``).join(', ')}. ` +
      'Negated operators, `...IfExists`, `ForAllValues:`, `Null` and wildcard values (`StringLike` on `*`, ' +
      'an ARN pattern with any account) restrict nothing. A statement whose condition the audit cannot ' +
      'judge (a key it does not know, or `aws:SourceIp` limited to ranges, which narrows where calls ' +
      'come from but not who makes them) is reported at high severity, saying which key decides. A ' +
      'resource whose policy could not be read or decoded is not evaluated, never passed.',
    remediation:
      'Name the accounts, roles or services that need access in `Principal`, or keep `*` only with a ' +
      'condition such as `aws:PrincipalOrgID` equal to your organization id, `aws:SourceAccount` or ' +
      '`aws:SourceArn` for a service calling on your behalf, or `aws:SourceVpce` for a VPC endpoint.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
    ],
  },
  // CIS v7.0.0 added this control to its IAM section; earlier versions have no counterpart.
  frameworks: cis({ v7: '2.21' }),
  check: ({ snapshot, now, notEvaluated }) =>
    RESOURCE_POLICY_SOURCES.flatMap((source): Finding[] => {
      const { resources, unreadable } = source.resources(snapshot);
      for (const { arn, reason } of unreadable) notEvaluated(arn, reason);
      return resources.flatMap(({ arn, name, policy }): Finding[] => {
        if (policy === null) return [];
        if (policy.decodeError !== undefined) {
          notEvaluated(arn, `its policy cannot be judged: ${policy.decodeError}`);
          return [];
        }
        const open = publicStatements(policy, now, snapshot.accountId);
        if (open.length === 0) return [];
        const unconditional = open.filter((statement) => statement.verdict === 'public');
        const what = `${source.kind} ${name}`;
        const evidence = {
          statements: open.map(({ index, sid, verdict, reasons }) => ({ index, sid, verdict, reasons })),
        };
        if (unconditional.length > 0) {
          return [
            {
              resource: arn,
              message: `${what} lets anyone in (${unconditional.map(label).join(', ')}) with no condition restricting who.`,
              evidence,
            },
          ];
        }
        const reasons = [...new Set(open.flatMap((statement) => statement.reasons))];
        return [
          {
            resource: arn,
            severity: 'high',
            message: `${what} lets anyone in (${open.map(label).join(', ')}) unless a condition the audit cannot judge stops them: ${reasons.join('; ')}.`,
            evidence,
          },
        ];
      });
    }),
});
