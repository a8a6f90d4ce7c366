import { policyResourceExposure } from '../../../src/rules/policy/policy-resource-exposure.js';
import type { Statement } from '../../../src/snapshot/schema.js';
import { accountWith } from '../../builders/policies.js';
import { runRule } from '../../builders/rules.js';
import { allow, doc, managedPolicy } from '../../builders/snapshot.js';

describe('policy-resource-exposure', () => {
  test.each<{ name: string; statements: Statement[]; message: RegExp | null }>([
    {
      name: 'bucket and key policies on *',
      statements: [allow(['s3:PutBucketPolicy', 'kms:PutKeyPolicy'])],
      message:
        /^Policy p allows 2 permissions-management actions on every resource: kms:PutKeyPolicy and s3:PutBucketPolicy\.$/,
    },
    {
      name: 'every IAM action: counted, the first five named',
      statements: [allow(['iam:*'])],
      message:
        /^Policy p allows \d{2,} permissions-management actions on every resource: iam:\w+, iam:\w+, iam:\w+, iam:\w+, iam:\w+ and \d+ more\.$/,
    },
    {
      name: 'object writes are not permissions management',
      statements: [allow(['s3:PutObject'])],
      message: null,
    },
    {
      name: 'a bucket policy on one bucket',
      statements: [allow(['s3:PutBucketPolicy'], ['arn:aws:s3:::site'])],
      message: null,
    },
  ])('$name', ({ statements, message }) => {
    const findings = runRule(
      policyResourceExposure,
      accountWith({ policies: [managedPolicy('p', doc(...statements))] }),
    );
    expect(findings.map((f) => f.message)).toEqual(message === null ? [] : [expect.stringMatching(message)]);
  });

  test('evidence counts every action and lists the first fifty', () => {
    const [finding] = runRule(
      policyResourceExposure,
      accountWith({ policies: [managedPolicy('p', doc(allow(['*:Put*Policy', 'iam:*'])))] }),
    );
    const evidence = finding!.evidence as { actionCount: number; actions: string[] };
    expect(evidence.actionCount).toBeGreaterThan(50);
    expect(evidence.actions).toHaveLength(50);
  });
});
