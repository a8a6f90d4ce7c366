import { securityContactMissing } from '../../../src/rules/account/security-contact-missing.js';
import type { AlternateContacts } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import { ACCOUNT, emptySnapshot, withSection } from '../../builders/snapshot.js';

describe('security-contact-missing', () => {
  test.each<{ name: string; contacts: AlternateContacts; reported: boolean }>([
    { name: 'no SECURITY contact (ResourceNotFoundException)', contacts: { security: null }, reported: true },
    {
      name: 'a SECURITY contact',
      contacts: {
        security: {
          name: 'Security team',
          emailAddress: 'sec@example.com',
          phoneNumber: '+1-555-0100',
          title: 'Security',
        },
      },
      reported: false,
    },
    {
      name: 'a contact with fields AWS left out is still a contact',
      contacts: { security: { name: null, emailAddress: 'sec@example.com', phoneNumber: null, title: null } },
      reported: false,
    },
  ])('$name', ({ contacts, reported }) => {
    const findings = runRule(
      securityContactMissing,
      withSection(emptySnapshot(), 'alternateContacts', contacts),
    );
    expect(findings).toEqual(
      reported
        ? [
            {
              resource: `arn:aws:iam::${ACCOUNT}:root`,
              message: `Account ${ACCOUNT} has no SECURITY alternate contact, so AWS security notices reach only the root user's email address.`,
            },
          ]
        : [],
    );
  });
});
