import { policyAssumeRoleWildcard } from '../../../src/rules/policy/policy-assume-role-wildcard.js';
import type { Statement } from '../../../src/snapshot/schema.js';
import { accountWith, iamResource } from '../../builders/policies.js';
import { runRule } from '../../builders/rules.js';
import { allow, doc, managedPolicy } from '../../builders/snapshot.js';

describe('policy-assume-role-wildcard', () => {
  test.each<{ name: string; statements: Statement[]; message: string | null }>([
    {
      name: 'sts:AssumeRole on *',
      statements: [allow(['sts:AssumeRole'])],
      message:
        'Policy p allows sts:AssumeRole on every resource (any role whose trust policy admits the principal).',
    },
    {
      name: 'sts:* on *',
      statements: [allow(['sts:*'])],
      message:
        'Policy p allows sts:AssumeRole on every resource (any role whose trust policy admits the principal).',
    },
    {
      name: 'AssumeRole on named roles',
      statements: [
        allow(['sts:AssumeRole'], [iamResource('role/deploy'), 'arn:aws:iam::111111111111:role/x']),
      ],
      message: null,
    },
    {
      name: 'AssumeRole only while a date condition can never hold',
      statements: [
        {
          ...allow(['sts:AssumeRole']),
          Condition: { DateGreaterThan: { 'aws:CurrentTime': ['2999-01-01'] } },
        },
      ],
      message: null,
    },
  ])('$name', ({ statements, message }) => {
    const findings = runRule(
      policyAssumeRoleWildcard,
      accountWith({ policies: [managedPolicy('p', doc(...statements))] }),
    );
    expect(findings.map((f) => f.message)).toEqual(message === null ? [] : [message]);
  });
});
