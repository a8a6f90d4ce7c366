import { accountNotInOrganization } from '../../../src/rules/account/account-not-in-organization.js';
import type { Organization } from '../../../src/snapshot/schema.js';
import { managedOrganization, organization } from '../../builders/guardrails.js';
import { runRule } from '../../builders/rules.js';
import { ACCOUNT, emptySnapshot, withSection } from '../../builders/snapshot.js';

describe('account-not-in-organization', () => {
  test.each<{ name: string; data: Organization | null; reported: boolean }>([
    { name: 'standalone (AWSOrganizationsNotInUseException)', data: null, reported: true },
    { name: 'a member account', data: organization(), reported: false },
    { name: 'the management account', data: managedOrganization(), reported: false },
  ])('$name', ({ data, reported }) => {
    const findings = runRule(accountNotInOrganization, withSection(emptySnapshot(), 'organization', data));
    expect(findings).toEqual(
      reported
        ? [
            {
              resource: `arn:aws:iam::${ACCOUNT}:root`,
              message: `Account ${ACCOUNT} is not a member of an AWS Organization: no SCP limits it.`,
            },
          ]
        : [],
    );
  });
});
