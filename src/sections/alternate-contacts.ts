// alternateContacts: the account's SECURITY alternate contact, whom AWS notifies about security
// issues. The Account API answers ResourceNotFoundException when none is set: that is data (null),
// which security-contact-missing reports, not a failure to collect. Only the SECURITY contact is
// read (one call), and only security-contact-missing reads it.
import { z } from 'zod';
import { awsErrorCode } from '../collect/failures.js';
import { parseCliJson } from '../snapshot/aws-cli-file.js';
import { optionalString, validateInput } from '../snapshot/input-validation.js';
import { defineSection } from './section.js';

export const alternateContactSchema = z.object({
  name: z.string().nullable(),
  emailAddress: z.string().nullable(),
  phoneNumber: z.string().nullable(),
  title: z.string().nullable(),
});
/** `security` null = no SECURITY contact (ResourceNotFoundException is data, not an error). */
export const alternateContactsSchema = z.object({ security: alternateContactSchema.nullable() });
export type AlternateContacts = z.infer<typeof alternateContactsSchema>;

const alternateContactOutput = z.object({
  AlternateContact: z.object({
    Name: optionalString,
    EmailAddress: optionalString,
    PhoneNumber: optionalString,
    Title: optionalString,
  }),
});

/** GetAlternateContact (SECURITY) output -> the contact. "No contact" is the caller's null. */
export function normalizeSecurityContact(output: unknown, source: string): AlternateContacts {
  const { AlternateContact: contact } = validateInput(alternateContactOutput, output, source);
  return {
    security: {
      name: contact.Name,
      emailAddress: contact.EmailAddress,
      phoneNumber: contact.PhoneNumber,
      title: contact.Title,
    },
  };
}

export const alternateContactsSection = defineSection({
  name: 'alternateContacts',
  data: alternateContactsSchema,
  reads: ['account:GetAlternateContact'],
  async collect({ clients }) {
    const { GetAlternateContactCommand } = await import('@aws-sdk/client-account');
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
  awsCli: {
    kind: 'file',
    files: [
      { name: 'get-alternate-contact-security.json', shape: { required: { AlternateContact: 'object' } } },
    ],
    howToSave:
      'aws account get-alternate-contact --alternate-contact-type SECURITY > get-alternate-contact-security.json',
    action: 'account:GetAlternateContact',
    // No SECURITY contact makes the CLI print nothing (ResourceNotFoundException goes to stderr).
    read: (file) =>
      file.text.trim() === '' ? { security: null } : normalizeSecurityContact(parseCliJson(file), file.path),
  },
});
