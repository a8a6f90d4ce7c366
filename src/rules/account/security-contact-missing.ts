import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import { cis, defineRule } from '../types.js';

export const securityContactMissing = defineRule({
  id: 'security-contact-missing',
  title: 'The account has a security contact',
  severity: 'medium',
  needs: ['alternateContacts'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'When AWS sees something wrong with an account (leaked access keys on a public repository, ' +
      'resources used for abuse, a compromised instance), it writes to the SECURITY alternate contact. ' +
      "Without one the notice goes only to the root user's email address, which is often an old or " +
      'unwatched mailbox, and the warning is lost.\n\n' +
      'Read with `account:GetAlternateContact` (type SECURITY). `ResourceNotFoundException` is how the ' +
      'Account API says no contact is set: iamspect reports it here, it is not a collection error.',
    remediation:
      'Set the security contact to a monitored team address (a list, not a person): **Account > ' +
      'Alternate contacts > Security**, or `aws account put-alternate-contact --alternate-contact-type ' +
      'SECURITY --name "Security team" --title Security --email-address security@example.com ' +
      '--phone-number +1-555-0100`. From the management account, `--account-id` sets it for members.',
    references: [
      'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/account-controls.html#account-1',
    ],
  },
  frameworks: {
    ...cis({ v3: '1.2', v4: '1.2', v5: '1.2', v6: '2.2', v7: '2.3' }),
    'aws-security-hub': ['Account.1'],
  },
  check: ({ snapshot }) => {
    if (sectionData(snapshot, 'alternateContacts').security !== null) return [];
    return [
      {
        resource: accountArn(snapshot),
        message:
          `Account ${snapshot.accountId} has no SECURITY alternate contact, so AWS security notices reach ` +
          "only the root user's email address.",
      },
    ];
  },
});
