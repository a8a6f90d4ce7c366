import { passwordPolicyReuse } from '../../../src/rules/password/password-policy-reuse.js';
import type { PasswordPolicy } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import { ACCOUNT, emptySnapshot, withSection } from '../../builders/snapshot.js';

describe('password-policy-reuse', () => {
  test.each<{ name: string; policy: PasswordPolicy | null; options: object; message: string | null }>([
    { name: 'remembers 24: passes', policy: { PasswordReusePrevention: 24 }, options: {}, message: null },
    {
      name: 'remembers 23',
      policy: { PasswordReusePrevention: 23 },
      options: {},
      message: 'Password policy prevents reuse of only the last 23 passwords (required: the last 24).',
    },
    {
      name: 'unset',
      policy: { MinimumPasswordLength: 14 },
      options: {},
      message: 'Password policy does not prevent password reuse (required: the last 24).',
    },
    {
      name: 'no policy',
      policy: null,
      options: {},
      message:
        "The account has no password policy, so IAM's default applies: passwords can be reused (required: the last 24).",
    },
    {
      name: 'custom 5: exactly 5 passes',
      policy: { PasswordReusePrevention: 5 },
      options: { minReuse: 5 },
      message: null,
    },
    {
      name: 'custom 5: 4 fails',
      policy: { PasswordReusePrevention: 4 },
      options: { minReuse: 5 },
      message: 'Password policy prevents reuse of only the last 4 passwords (required: the last 5).',
    },
  ])('$name', ({ policy, options, message }) => {
    const findings = runRule(
      passwordPolicyReuse,
      withSection(emptySnapshot(), 'passwordPolicy', policy),
      options,
    );
    expect(findings.map((f) => [f.resource, f.message])).toEqual(
      message === null ? [] : [[`arn:aws:iam::${ACCOUNT}:root`, message]],
    );
  });

  test('rejects minReuse above IAM’s maximum of 24', () => {
    expect(() =>
      runRule(passwordPolicyReuse, withSection(emptySnapshot(), 'passwordPolicy', null), { minReuse: 25 }),
    ).toThrow();
  });
});
