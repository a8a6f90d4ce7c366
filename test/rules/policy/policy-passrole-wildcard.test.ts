import { policyPassroleWildcard } from '../../../src/rules/policy/policy-passrole-wildcard.js';
import type { Statement } from '../../../src/snapshot/schema.js';
import { accountWith, deny, iamResource, inlinePolicy } from '../../builders/policies.js';
import { runRule } from '../../builders/rules.js';
import { allow, user } from '../../builders/snapshot.js';

const PASSROLE =
  'allows iam:PassRole on every resource (any role, administrator roles included, can be handed to a service)';

describe('policy-passrole-wildcard', () => {
  test.each<{ name: string; statements: Statement[]; message: string | null }>([
    {
      name: 'PassRole on *',
      statements: [allow(['iam:PassRole'])],
      message: `Inline policy p of user u ${PASSROLE}.`,
    },
    {
      name: 'iam:Pass* on arn:aws:*',
      statements: [allow(['iam:Pass*'], ['arn:aws:*'])],
      message: `Inline policy p of user u ${PASSROLE}.`,
    },
    {
      name: 'narrowed to one service, but still any role',
      statements: [
        {
          ...allow(['iam:PassRole']),
          Condition: { StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com'] } },
        },
      ],
      message: `Inline policy p of user u ${PASSROLE} when its conditions hold (iam:PassedToService).`,
    },
    {
      name: 'PassRole on a role path',
      statements: [allow(['iam:PassRole'], [iamResource('role/app/*')])],
      message: null,
    },
    {
      name: 'denied on every resource in the same policy',
      statements: [allow(['iam:*']), deny(['iam:PassRole'])],
      message: null,
    },
    { name: 'no PassRole at all', statements: [allow(['iam:Get*'])], message: null },
  ])('$name', ({ statements, message }) => {
    const findings = runRule(
      policyPassroleWildcard,
      accountWith({ users: [user('u', { inlinePolicies: [inlinePolicy('p', ...statements)] })] }),
    );
    expect(findings.map((f) => [f.resource, f.discriminator, f.message])).toEqual(
      message === null ? [] : [[iamResource('user/u'), 'p', message]],
    );
  });

  test('evidence names the statement and the action', () => {
    const [finding] = runRule(
      policyPassroleWildcard,
      accountWith({
        users: [
          user('u', { inlinePolicies: [inlinePolicy('p', { Sid: 'Pass', ...allow(['iam:PassRole']) })] }),
        ],
      }),
    );
    expect(finding!.evidence).toEqual({
      inlinePolicy: 'p',
      actionCount: 1,
      actions: ['iam:PassRole'],
      statements: [{ statement: 'Pass' }],
    });
  });
});
