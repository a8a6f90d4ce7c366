import { policyWriteWildcardResource } from '../../../src/rules/policy/policy-write-wildcard-resource.js';
import type { Statement } from '../../../src/snapshot/schema.js';
import { accountWith } from '../../builders/policies.js';
import { runRule } from '../../builders/rules.js';
import { allow, doc, managedPolicy } from '../../builders/snapshot.js';

describe('policy-write-wildcard-resource', () => {
  test('is off by default (noisy)', () => {
    expect(policyWriteWildcardResource.enabledByDefault).toBe(false);
  });

  test.each<{ name: string; statements: Statement[]; message: string | null }>([
    {
      name: 'object writes and deletes on *',
      statements: [allow(['s3:PutObject', 's3:DeleteObject', 's3:GetObject'])],
      message: 'Policy p allows 2 write actions on every resource: s3:DeleteObject and s3:PutObject.',
    },
    {
      name: 'writes limited to a bucket',
      statements: [allow(['s3:PutObject'], ['arn:aws:s3:::uploads/*'])],
      message: null,
    },
    {
      name: 'writes under a condition',
      statements: [
        { ...allow(['s3:PutObject']), Condition: { StringEquals: { 'aws:ResourceTag/team': ['a'] } } },
      ],
      message: null,
    },
    {
      name: 'a write action that supports no resource but *',
      statements: [allow(['xray:PutTraceSegments'])],
      message: null,
    },
    { name: 'reads only', statements: [allow(['s3:Get*'])], message: null },
  ])('$name', ({ statements, message }) => {
    const findings = runRule(
      policyWriteWildcardResource,
      accountWith({ policies: [managedPolicy('p', doc(...statements))] }),
    );
    expect(findings.map((f) => f.message)).toEqual(message === null ? [] : [message]);
  });
});
