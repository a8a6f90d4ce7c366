// alternateContacts: the account's SECURITY alternate contact, whom AWS notifies about security
// issues. The Account API answers ResourceNotFoundException when none is set: that is data (null),
// which security-contact-missing reports, not a failure to collect.
import { GetAlternateContactCommand } from '@aws-sdk/client-account';
import { normalizeSecurityContact } from '../snapshot/guardrail-outputs.js';
import type { SectionCollector } from '../collect/collector.js';
import { awsErrorCode } from '../collect/failures.js';

export const alternateContactsCollector: SectionCollector<'alternateContacts'> = {
  section: 'alternateContacts',
  async collect({ clients }) {
    try {
      const output = await clients.account.send(
        new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }),
      );
      return normalizeSecurityContact(output, 'account:GetAlternateContact response');
    } catch (error) {
      if (awsErrorCode(error) === 'ResourceNotFoundException') return { security: null };
      throw error;
    }
  },
};
