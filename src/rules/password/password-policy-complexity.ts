import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import type { PasswordPolicy } from '../../snapshot/schema.js';
import { NO_POLICY, PASSWORD_POLICY_REFERENCES } from '../shared/password-policy.js';
import { joinWithOr } from '../../util/words.js';
import { defineRule } from '../types.js';

const CHARACTER_CLASSES = {
  uppercase: { field: 'RequireUppercaseCharacters', wording: 'an uppercase letter (A-Z)' },
  lowercase: { field: 'RequireLowercaseCharacters', wording: 'a lowercase letter (a-z)' },
  numbers: { field: 'RequireNumbers', wording: 'a number (0-9)' },
  symbols: { field: 'RequireSymbols', wording: 'a symbol' },
} as const satisfies Record<string, { field: keyof PasswordPolicy; wording: string }>;

type CharacterClass = keyof typeof CHARACTER_CLASSES;
const ALL_CLASSES = Object.keys(CHARACTER_CLASSES) as CharacterClass[];

export const passwordPolicyComplexity = defineRule({
  id: 'password-policy-complexity',
  title: 'The password policy requires each character class',
  severity: 'low',
  needs: ['passwordPolicy'],
  options: z
    .object({
      require: z
        .array(z.enum(ALL_CLASSES as [CharacterClass, ...CharacterClass[]]))
        .default(ALL_CLASSES)
        .describe('Character classes the policy must require: uppercase, lowercase, numbers, symbols.'),
    })
    .strict(),
  docs: {
    rationale:
      'Requiring every character class widens the alphabet an attacker has to search and is what CIS ' +
      'v1.x and Security Hub (IAM.11 to IAM.14) check. Length matters more than classes (see ' +
      "`password-policy-min-length`), hence the low severity. IAM's default policy, used when the account " +
      'has none, asks for three of the four classes but none in particular, so each class counts as not ' +
      'required. One finding per account, listing every missing class: they are one setting of one ' +
      'policy. To accept a class as not needed, leave it out of `require`.',
    remediation:
      '`aws iam update-account-password-policy --require-uppercase-characters --require-lowercase-characters ' +
      '--require-numbers --require-symbols` (the command replaces the whole policy, so pass the other ' +
      'settings you want to keep too).',
    references: PASSWORD_POLICY_REFERENCES,
  },
  frameworks: { 'aws-security-hub': ['IAM.11', 'IAM.12', 'IAM.13', 'IAM.14'] },
  check: ({ snapshot, options }) => {
    const policy = sectionData(snapshot, 'passwordPolicy');
    // A field missing from a collected policy is false: the SDK leaves out booleans IAM did not send.
    // Listed in one fixed order, whatever the order of `require`, so the message does not change with it.
    const missing = ALL_CLASSES.filter(
      (cls) => options.require.includes(cls) && policy?.[CHARACTER_CLASSES[cls].field] !== true,
    );
    if (missing.length === 0) return [];
    const lead = policy ? 'Password policy' : `${NO_POLICY}, which`;
    const wordings = missing.map((cls) => CHARACTER_CLASSES[cls].wording);
    return [
      {
        resource: accountArn(snapshot),
        message: `${lead} does not require ${joinWithOr(wordings)}.`,
        evidence: {
          missingClasses: missing,
          policyFields: missing.map((cls) => CHARACTER_CLASSES[cls].field),
          customPolicy: policy !== null,
        },
      },
    ];
  },
});
