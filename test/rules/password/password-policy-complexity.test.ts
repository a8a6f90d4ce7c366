import { passwordPolicyComplexity } from '../../../src/rules/password/password-policy-complexity.js';
import type { PasswordPolicy } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import { ACCOUNT, emptySnapshot, withSection } from '../../builders/snapshot.js';

const EVERY_CLASS: PasswordPolicy = {
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  RequireNumbers: true,
  RequireSymbols: true,
};

describe('password-policy-complexity', () => {
  test.each<{ name: string; policy: PasswordPolicy | null; options: object; missing: string[] }>([
    { name: 'every class required', policy: EVERY_CLASS, options: {}, missing: [] },
    {
      name: 'symbols not required',
      policy: { ...EVERY_CLASS, RequireSymbols: false },
      options: {},
      missing: ['symbols'],
    },
    {
      name: 'fields the SDK left out count as not required',
      policy: { RequireNumbers: true },
      options: {},
      missing: ['uppercase', 'lowercase', 'symbols'],
    },
    {
      name: 'no policy: no class is required',
      policy: null,
      options: {},
      missing: ['uppercase', 'lowercase', 'numbers', 'symbols'],
    },
    {
      name: 'only the configured classes are checked',
      policy: { RequireUppercaseCharacters: true },
      options: { require: ['uppercase', 'numbers'] },
      missing: ['numbers'],
    },
    {
      name: 'missing classes are listed in one order, whatever the order of the option',
      policy: null,
      options: { require: ['symbols', 'uppercase', 'symbols'] },
      missing: ['uppercase', 'symbols'],
    },
    { name: 'an empty requirement list checks nothing', policy: null, options: { require: [] }, missing: [] },
  ])('$name', ({ policy, options, missing }) => {
    const findings = runRule(
      passwordPolicyComplexity,
      withSection(emptySnapshot(), 'passwordPolicy', policy),
      options,
    );
    // One finding per policy, whatever the number of missing classes: one policy setting to fix.
    expect(findings.map((f) => f.evidence?.['missingClasses'])).toEqual(missing.length > 0 ? [missing] : []);
    for (const finding of findings) {
      expect(finding.resource).toBe(`arn:aws:iam::${ACCOUNT}:root`);
      expect(finding.discriminator).toBeUndefined();
    }
  });

  test.each<[PasswordPolicy | null, string[], string]>([
    [
      { RequireUppercaseCharacters: false },
      ['uppercase'],
      'Password policy does not require an uppercase letter (A-Z).',
    ],
    [{}, ['lowercase'], 'Password policy does not require a lowercase letter (a-z).'],
    [{ RequireSymbols: true }, ['numbers', 'symbols'], 'Password policy does not require a number (0-9).'],
    [
      {},
      ['uppercase', 'lowercase', 'numbers'],
      'Password policy does not require an uppercase letter (A-Z), a lowercase letter (a-z) or a number (0-9).',
    ],
    [
      null,
      ['uppercase', 'lowercase', 'numbers', 'symbols'],
      "The account has no password policy, so IAM's default applies, which does not require an uppercase " +
        'letter (A-Z), a lowercase letter (a-z), a number (0-9) or a symbol.',
    ],
  ])('message for %p requiring %p', (policy, require, message) => {
    const findings = runRule(
      passwordPolicyComplexity,
      withSection(emptySnapshot(), 'passwordPolicy', policy),
      { require },
    );
    expect(findings.map((f) => f.message)).toEqual([message]);
  });

  test('rejects an unknown character class', () => {
    expect(() =>
      runRule(passwordPolicyComplexity, withSection(emptySnapshot(), 'passwordPolicy', null), {
        require: ['emoji'],
      }),
    ).toThrow();
  });
});
