// The AWS Account Management API over restJson1 (POST /listRegions, POST /getAlternateContact,
// POST /getContactInformation).
import { FakeAwsError } from '../protocols.js';
import type { FakeService } from '../service.js';
import { tokenPage } from '../service.js';

export const accountService: FakeService = {
  signingName: 'account',
  actionPrefix: 'account',
  protocol: {
    kind: 'restJson1',
    routes: {
      ListRegions: { method: 'POST', path: '/listRegions' },
      GetAlternateContact: { method: 'POST', path: '/getAlternateContact' },
      GetContactInformation: { method: 'POST', path: '/getContactInformation' },
    },
  },
  errors: {
    accessDenied: { code: 'AccessDeniedException', status: 403 },
    throttling: { code: 'TooManyRequestsException', status: 429 },
    serverError: { code: 'InternalServerException', status: 500 },
  },
  operations: {
    ListRegions: (input, { account }) => {
      const { page, next } = tokenPage(account.regions, input.NextToken, Number(input.MaxResults ?? 20));
      return {
        Regions: page.map((region) => ({ RegionName: region.name, RegionOptStatus: region.optStatus })),
        NextToken: next,
      };
    },
    GetAlternateContact: (input, { account }) => {
      if (input.AlternateContactType !== 'SECURITY' || !account.securityContact) {
        throw new FakeAwsError('ResourceNotFoundException', 'No contact of the requested type found.', 404);
      }
      const contact = account.securityContact;
      return {
        AlternateContact: {
          AlternateContactType: 'SECURITY',
          Name: contact.name,
          EmailAddress: contact.email,
          PhoneNumber: contact.phone,
          Title: contact.title,
        },
      };
    },
    GetContactInformation: (_input, { account }) => {
      if (!account.primaryContact) {
        throw new FakeAwsError('ResourceNotFoundException', 'No contact information found.', 404);
      }
      return { ContactInformation: account.primaryContact };
    },
  },
};
