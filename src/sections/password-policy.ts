// passwordPolicy: the account password policy, or null when there is none. IAM answers "none" with
// NoSuchEntity; that is a fact about the account (password-policy-missing reports it), not a
// failure to collect.
import { z } from 'zod';
import { awsErrorCode } from '../collect/failures.js';
import { parseCliJson } from '../snapshot/aws-cli-file.js';
import { validateInput } from '../snapshot/input-validation.js';
import { defineSection } from './section.js';

export const passwordPolicySchema = z.object({
  MinimumPasswordLength: z.number().int().optional(),
  RequireSymbols: z.boolean().optional(),
  RequireNumbers: z.boolean().optional(),
  RequireUppercaseCharacters: z.boolean().optional(),
  RequireLowercaseCharacters: z.boolean().optional(),
  AllowUsersToChangePassword: z.boolean().optional(),
  ExpirePasswords: z.boolean().optional(),
  MaxPasswordAge: z.number().int().optional(),
  PasswordReusePrevention: z.number().int().optional(),
  HardExpiry: z.boolean().optional(),
});
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

/** GetAccountPasswordPolicy output -> the policy. "No policy" (NoSuchEntity) is the caller's null. */
export function normalizePasswordPolicy(output: unknown, source: string): PasswordPolicy {
  return validateInput(z.object({ PasswordPolicy: passwordPolicySchema }), output, source).PasswordPolicy;
}

export const passwordPolicySection = defineSection({
  name: 'passwordPolicy',
  data: passwordPolicySchema.nullable(),
  reads: ['iam:GetAccountPasswordPolicy'],
  async collect({ clients }) {
    const { GetAccountPasswordPolicyCommand } = await import('@aws-sdk/client-iam');
    try {
      const output = await clients.iam.send(new GetAccountPasswordPolicyCommand({}));
      return normalizePasswordPolicy(output, 'iam:GetAccountPasswordPolicy response');
    } catch (error) {
      if (awsErrorCode(error) === 'NoSuchEntity') return null;
      throw error;
    }
  },
  awsCli: {
    kind: 'file',
    files: [{ name: 'get-account-password-policy.json', shape: { required: { PasswordPolicy: 'object' } } }],
    howToSave: 'aws iam get-account-password-policy > get-account-password-policy.json',
    action: 'iam:GetAccountPasswordPolicy',
    // With no policy the CLI prints nothing (the NoSuchEntity error goes to stderr), so an empty
    // file is the saved answer "no password policy": data, not an error.
    read: (file) => (file.text.trim() === '' ? null : normalizePasswordPolicy(parseCliJson(file), file.path)),
  },
});
