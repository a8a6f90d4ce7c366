import { accountContactIncomplete } from '../../../src/rules/account/account-contact-incomplete.js';
import type { PrimaryContact } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import { ACCOUNT, emptySnapshot, withSection } from '../../builders/snapshot.js';

const COMPLETE: PrimaryContact = {
  fullName: 'Northwind Cloud Team',
  companyName: 'Northwind',
  addressLine1: '1 Harbour Street',
  city: 'Seattle',
  stateOrRegion: 'WA',
  postalCode: '98101',
  countryCode: 'US',
  phoneNumber: '+1-555-0100',
};

function findingsFor(primary: PrimaryContact | null) {
  return runRule(accountContactIncomplete, withSection(emptySnapshot(), 'contactInformation', { primary }));
}

describe('account-contact-incomplete', () => {
  test('no contact information at all (ResourceNotFoundException)', () => {
    expect(findingsFor(null)).toEqual([
      {
        resource: `arn:aws:iam::${ACCOUNT}:root`,
        message: `Account ${ACCOUNT} has no primary contact information, so AWS has no one to reach about the account.`,
        evidence: { missing: ['contact information'] },
      },
    ]);
  });

  test.each<{ name: string; contact: PrimaryContact; missing: string[] }>([
    { name: 'complete', contact: COMPLETE, missing: [] },
    {
      name: 'no postal code, state or company (some countries have none): still complete',
      contact: { ...COMPLETE, postalCode: null, stateOrRegion: null, companyName: null },
      missing: [],
    },
    { name: 'no name', contact: { ...COMPLETE, fullName: null }, missing: ['name'] },
    { name: 'a blank name is no name', contact: { ...COMPLETE, fullName: '  ' }, missing: ['name'] },
    { name: 'no street address', contact: { ...COMPLETE, addressLine1: null }, missing: ['street address'] },
    { name: 'no city', contact: { ...COMPLETE, city: '' }, missing: ['city'] },
    { name: 'no country', contact: { ...COMPLETE, countryCode: null }, missing: ['country'] },
    {
      name: 'no phone and no name',
      contact: { ...COMPLETE, phoneNumber: null, fullName: null },
      missing: ['name', 'phone number'],
    },
  ])('$name', ({ contact, missing }) => {
    expect(findingsFor(contact)).toEqual(
      missing.length === 0
        ? []
        : [
            {
              resource: `arn:aws:iam::${ACCOUNT}:root`,
              message: expect.stringMatching(new RegExp(`^Account ${ACCOUNT}'s primary contact has no `)),
              evidence: { missing },
            },
          ],
    );
  });

  test('the message names every missing part', () => {
    expect(findingsFor({ ...COMPLETE, phoneNumber: null, fullName: null })[0]?.message).toBe(
      `Account ${ACCOUNT}'s primary contact has no name and phone number.`,
    );
  });
});
