import { passwordPolicyMaxAge } from '../../../src/rules/password/password-policy-max-age.js';
import type { PasswordPolicy } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import { ACCOUNT, emptySnapshot, withSection } from '../../builders/snapshot.js';

describe('password-policy-max-age', () => {
  test.each<{ name: string; policy: PasswordPolicy | null; options: object; message: string | null }>([
    {
      name: 'exactly 90 days passes',
      policy: { ExpirePasswords: true, MaxPasswordAge: 90 },
      options: {},
      message: null,
    },
    {
      name: 'shorter passes',
      policy: { ExpirePasswords: true, MaxPasswordAge: 30 },
      options: {},
      message: null,
    },
    {
      name: '91 days is too long',
      policy: { ExpirePasswords: true, MaxPasswordAge: 91 },
      options: {},
      message: 'Password policy lets passwords live for 91 days (allowed: 90 days).',
    },
    {
      name: 'passwords never expire',
      policy: { ExpirePasswords: false },
      options: {},
      message: 'Password policy does not make passwords expire (allowed: 90 days).',
    },
    {
      name: 'no policy',
      policy: null,
      options: {},
      message:
        "The account has no password policy, so IAM's default applies: passwords never expire (allowed: 90 days).",
    },
    {
      name: 'custom 365: exactly 365 passes',
      policy: { MaxPasswordAge: 365 },
      options: { maxAgeDays: 365 },
      message: null,
    },
    {
      name: 'custom 365: 366 fails',
      policy: { MaxPasswordAge: 366 },
      options: { maxAgeDays: 365 },
      message: 'Password policy lets passwords live for 366 days (allowed: 365 days).',
    },
  ])('$name', ({ policy, options, message }) => {
    const findings = runRule(
      passwordPolicyMaxAge,
      withSection(emptySnapshot(), 'passwordPolicy', policy),
      options,
    );
    expect(findings.map((f) => [f.resource, f.message])).toEqual(
      message === null ? [] : [[`arn:aws:iam::${ACCOUNT}:root`, message]],
    );
  });
});
