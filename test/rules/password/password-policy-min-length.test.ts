import { passwordPolicyMinLength } from '../../../src/rules/password/password-policy-min-length.js';
import type { PasswordPolicy } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import { ACCOUNT, emptySnapshot, withSection } from '../../builders/snapshot.js';

describe('password-policy-min-length', () => {
  test.each<{ name: string; policy: PasswordPolicy | null; options: object; message: string | null }>([
    { name: 'exactly 14 passes', policy: { MinimumPasswordLength: 14 }, options: {}, message: null },
    { name: 'longer passes', policy: { MinimumPasswordLength: 20 }, options: {}, message: null },
    {
      name: '13 is one short',
      policy: { MinimumPasswordLength: 13 },
      options: {},
      message: 'Password policy minimum password length is 13 characters (required: 14).',
    },
    {
      name: 'a policy without the field has IAM’s floor of 6',
      policy: {},
      options: {},
      message: 'Password policy minimum password length is 6 characters (required: 14).',
    },
    {
      name: 'no policy: IAM’s default of 8',
      policy: null,
      options: {},
      message:
        "The account has no password policy, so IAM's default applies: minimum password length is 8 characters (required: 14).",
    },
    {
      name: 'custom minimum 8: IAM’s default is enough',
      policy: null,
      options: { minLength: 8 },
      message: null,
    },
    {
      name: 'custom minimum 10: exactly 10 passes',
      policy: { MinimumPasswordLength: 10 },
      options: { minLength: 10 },
      message: null,
    },
    {
      name: 'custom minimum 10: 9 fails',
      policy: { MinimumPasswordLength: 9 },
      options: { minLength: 10 },
      message: 'Password policy minimum password length is 9 characters (required: 10).',
    },
  ])('$name', ({ policy, options, message }) => {
    const findings = runRule(
      passwordPolicyMinLength,
      withSection(emptySnapshot(), 'passwordPolicy', policy),
      options,
    );
    expect(findings.map((f) => [f.resource, f.message])).toEqual(
      message === null ? [] : [[`arn:aws:iam::${ACCOUNT}:root`, message]],
    );
  });

  test.each([5, 129, 12.5])('rejects minLength %p, outside what IAM allows', (minLength) => {
    expect(() =>
      runRule(passwordPolicyMinLength, withSection(emptySnapshot(), 'passwordPolicy', null), { minLength }),
    ).toThrow();
  });
});
