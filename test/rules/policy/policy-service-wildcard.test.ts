import { policyServiceWildcard } from '../../../src/rules/policy/policy-service-wildcard.js';
import type { Statement } from '../../../src/snapshot/schema.js';
import { accountWith, iamResource } from '../../builders/policies.js';
import { runRule } from '../../builders/rules.js';
import { allow, doc, managedPolicy } from '../../builders/snapshot.js';

describe('policy-service-wildcard', () => {
  test.each<{ name: string; statements: Statement[]; message: string | null; severity?: string }>([
    {
      name: 's3:*',
      statements: [allow(['s3:*'], ['arn:aws:s3:::data/*'])],
      message: 'Policy p allows every action of s3:*.',
    },
    {
      name: 'iam:* is high',
      statements: [allow(['iam:*'])],
      message: 'Policy p allows every action of iam:*.',
      severity: 'high',
    },
    {
      name: 'several services, across statements, mixed case',
      statements: [allow(['S3:*']), allow(['logs:*', 'kms:*'])],
      message: 'Policy p allows every action of kms:*, logs:* and s3:*.',
      severity: 'high',
    },
    {
      name: 'a verb wildcard is not a service wildcard',
      statements: [allow(['s3:Get*', 's3:List*'])],
      message: null,
    },
    {
      name: "NotAction is another rule's business",
      statements: [{ Effect: 'Allow', NotAction: ['s3:*'], Resource: ['*'] }],
      message: null,
    },
    {
      name: 'a Deny of s3:*',
      statements: [{ Effect: 'Deny', Action: ['s3:*'], Resource: ['*'] }],
      message: null,
    },
    {
      name: 'an unknown service (policy-invalid reports it)',
      statements: [allow(['nosuch:*'])],
      message: null,
    },
    {
      name: 'a statement that can never apply',
      statements: [
        { ...allow(['s3:*']), Condition: { DateLessThan: { 'aws:CurrentTime': ['2001-01-01'] } } },
      ],
      message: null,
    },
    {
      name: "full admin is policy-full-admin's business",
      statements: [allow(['*']), allow(['iam:*'])],
      message: null,
    },
  ])('$name', ({ statements, message, severity }) => {
    const findings = runRule(
      policyServiceWildcard,
      accountWith({ policies: [managedPolicy('p', doc(...statements))] }),
    );
    expect(findings.map((f) => [f.resource, f.message, f.severity])).toEqual(
      message === null ? [] : [[iamResource('policy/p'), message, severity]],
    );
  });

  test('evidence lists the services and statements', () => {
    const [finding] = runRule(
      policyServiceWildcard,
      accountWith({
        policies: [managedPolicy('p', doc(allow(['s3:GetObject']), { Sid: 'Logs', ...allow(['logs:*']) }))],
      }),
    );
    expect(finding!.evidence).toEqual({ services: ['logs'], statements: ['Logs'] });
  });
});
