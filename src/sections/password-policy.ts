// passwordPolicy: the account password policy, or null when there is none. IAM answers "none" with
// NoSuchEntity; that is a fact about the account (password-policy-missing reports it), not a
// failure to collect.
import { GetAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { normalizePasswordPolicy } from '../snapshot/iam-outputs.js';
import type { SectionCollector } from '../collect/collector.js';
import { awsErrorCode } from '../collect/failures.js';

export const passwordPolicyCollector: SectionCollector<'passwordPolicy'> = {
  section: 'passwordPolicy',
  async collect({ clients }) {
    try {
      const output = await clients.iam.send(new GetAccountPasswordPolicyCommand({}));
      return normalizePasswordPolicy(output, 'iam:GetAccountPasswordPolicy response');
    } catch (error) {
      if (awsErrorCode(error) === 'NoSuchEntity') return null;
      throw error;
    }
  },
};
