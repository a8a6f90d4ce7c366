import { policyNotActionAllow } from '../../../src/rules/policy/policy-not-action-allow.js';
import type { Statement } from '../../../src/snapshot/schema.js';
import { accountWith, iamResource, inlinePolicy } from '../../builders/policies.js';
import { runRule } from '../../builders/rules.js';
import { allow, role } from '../../builders/snapshot.js';

describe('policy-not-action-allow', () => {
  test.each<{ name: string; statements: Statement[]; message: string | null; statementsEvidence?: unknown }>([
    {
      name: 'Allow with NotAction',
      statements: [{ Sid: 'AllButIam', Effect: 'Allow', NotAction: ['iam:*'], Resource: ['*'] }],
      message: 'Inline policy p of role r has 1 Allow statement with NotAction.',
      statementsEvidence: [{ statement: 'AllButIam', elements: ['NotAction'] }],
    },
    {
      name: 'NotResource and NotAction in two statements',
      statements: [
        { Effect: 'Allow', Action: ['s3:*'], NotResource: ['arn:aws:s3:::secrets/*'] },
        { Effect: 'Allow', NotAction: ['iam:*'], NotResource: ['arn:aws:s3:::x'] },
      ],
      message: 'Inline policy p of role r has 2 Allow statements with NotResource and NotAction.',
      statementsEvidence: [
        { statement: 0, elements: ['NotResource'] },
        { statement: 1, elements: ['NotAction', 'NotResource'] },
      ],
    },
    {
      name: 'Deny with NotAction is the right use',
      statements: [{ Effect: 'Deny', NotAction: ['iam:*'], Resource: ['*'] }],
      message: null,
    },
    { name: 'plain Allow', statements: [allow(['s3:GetObject'])], message: null },
  ])('$name', ({ statements, message, statementsEvidence }) => {
    const findings = runRule(
      policyNotActionAllow,
      accountWith({ roles: [role('r', { inlinePolicies: [inlinePolicy('p', ...statements)] })] }),
    );
    expect(findings.map((f) => [f.resource, f.message, f.evidence])).toEqual(
      message === null
        ? []
        : [[iamResource('role/r'), message, { inlinePolicy: 'p', statements: statementsEvidence }]],
    );
  });
});
