import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import type { PrimaryContact } from '../../snapshot/schema.js';
import { joinWithAnd } from '../../util/words.js';
import { cis, defineRule } from '../types.js';

/**
 * What a reachable primary contact needs: someone to address, somewhere to write, a number to
 * call. The postal code is not among them: some countries have none.
 */
const REQUIRED_PARTS: ReadonlyArray<readonly [string, (contact: PrimaryContact) => string | null]> = [
  ['name', (contact) => contact.fullName],
  ['street address', (contact) => contact.addressLine1],
  ['city', (contact) => contact.city],
  ['country', (contact) => contact.countryCode],
  ['phone number', (contact) => contact.phoneNumber],
];

/** The parts of `contact` that are missing or blank. */
function missingParts(contact: PrimaryContact): string[] {
  return REQUIRED_PARTS.filter(([, value]) => (value(contact) ?? '').trim() === '').map(([part]) => part);
}

export const accountContactIncomplete = defineRule({
  id: 'account-contact-incomplete',
  title: 'The account has complete primary contact details',
  severity: 'low',
  needs: ['contactInformation'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'AWS writes to the primary contact about the account itself: a suspected compromise, abuse ' +
      'reports, a payment problem before suspension. CIS asks for contact details that reach the ' +
      'organization: a name, a postal address and a phone number at least. iamspect checks they ' +
      'are there; whether they are still current (a monitored number, a team rather than a ' +
      'person) it cannot see, so review them by hand too.\n\n' +
      'Read with `account:GetContactInformation`. `ResourceNotFoundException` is how the Account ' +
      'API says no contact information is set: iamspect reports it here, it is not a collection ' +
      'error. The postal code is not required (some countries have none).',
    remediation:
      'Fill in the contact information: **Account > Contact information > Edit**, or `aws account ' +
      'put-contact-information --contact-information FullName=...,AddressLine1=...,City=...,' +
      'PostalCode=...,CountryCode=...,PhoneNumber=...`. From the management account, ' +
      '`--account-id` sets it for members.',
    references: [
      'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-primary.html',
      'https://docs.aws.amazon.com/accounts/latest/reference/API_GetContactInformation.html',
    ],
  },
  frameworks: cis({ v3: '1.1', v4: '1.1', v5: '1.1', v6: '2.1', v7: '2.2' }),
  check: ({ snapshot }) => {
    const contact = sectionData(snapshot, 'contactInformation').primary;
    const missing = contact === null ? ['contact information'] : missingParts(contact);
    if (missing.length === 0) return [];
    return [
      {
        resource: accountArn(snapshot),
        message:
          contact === null
            ? `Account ${snapshot.accountId} has no primary contact information, so AWS has no one to ` +
              'reach about the account.'
            : `Account ${snapshot.accountId}'s primary contact has no ${joinWithAnd(missing)}.`,
        evidence: { missing },
      },
    ];
  },
});
