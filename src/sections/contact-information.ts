// contactInformation: the account's primary contact (name, postal address, phone), to whom AWS
// writes about the account itself (billing, abuse, closure). The Account API answers
// ResourceNotFoundException when none is set: that is data (null), which account-contact-incomplete
// reports, not a failure to collect.
import { z } from 'zod';
import { awsErrorCode } from '../collect/failures.js';
import { parseCliJson } from '../snapshot/aws-cli-file.js';
import { optionalString, validateInput } from '../snapshot/input-validation.js';
import { defineSection } from './section.js';

export const primaryContactSchema = z.object({
  fullName: z.string().nullable(),
  companyName: z.string().nullable(),
  addressLine1: z.string().nullable(),
  city: z.string().nullable(),
  stateOrRegion: z.string().nullable(),
  postalCode: z.string().nullable(),
  countryCode: z.string().nullable(),
  phoneNumber: z.string().nullable(),
});
export type PrimaryContact = z.infer<typeof primaryContactSchema>;
/** `primary` null = no contact information (ResourceNotFoundException is data, not an error). */
export const contactInformationSchema = z.object({ primary: primaryContactSchema.nullable() });
export type ContactInformation = z.infer<typeof contactInformationSchema>;

const contactInformationOutput = z.object({
  ContactInformation: z.object({
    FullName: optionalString,
    CompanyName: optionalString,
    AddressLine1: optionalString,
    City: optionalString,
    StateOrRegion: optionalString,
    PostalCode: optionalString,
    CountryCode: optionalString,
    PhoneNumber: optionalString,
  }),
});

/** GetContactInformation output -> the primary contact. "None set" is the caller's null. */
export function normalizeContactInformation(output: unknown, source: string): ContactInformation {
  const { ContactInformation: contact } = validateInput(contactInformationOutput, output, source);
  return {
    primary: {
      fullName: contact.FullName,
      companyName: contact.CompanyName,
      addressLine1: contact.AddressLine1,
      city: contact.City,
      stateOrRegion: contact.StateOrRegion,
      postalCode: contact.PostalCode,
      countryCode: contact.CountryCode,
      phoneNumber: contact.PhoneNumber,
    },
  };
}

export const contactInformationSection = defineSection({
  name: 'contactInformation',
  data: contactInformationSchema,
  reads: ['account:GetContactInformation'],
  async collect({ clients }) {
    const { GetContactInformationCommand } = await import('@aws-sdk/client-account');
    try {
      const output = await clients.account.send(new GetContactInformationCommand({}));
      return normalizeContactInformation(output, 'account:GetContactInformation response');
    } catch (error) {
      if (awsErrorCode(error) === 'ResourceNotFoundException') return { primary: null };
      throw error;
    }
  },
  awsCli: {
    kind: 'file',
    files: [{ name: 'get-contact-information.json', shape: { required: { ContactInformation: 'object' } } }],
    howToSave: 'aws account get-contact-information > get-contact-information.json',
    action: 'account:GetContactInformation',
    // No contact information makes the CLI print nothing (ResourceNotFoundException goes to stderr).
    read: (file) =>
      file.text.trim() === ''
        ? { primary: null }
        : normalizeContactInformation(parseCliJson(file), file.path),
  },
});
