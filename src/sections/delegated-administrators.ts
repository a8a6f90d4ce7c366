// delegatedAdministrators: the member accounts registered as delegated administrators of the
// organization's services, with the services each administers. Organizations answers only in the
// management account (or the delegated administrator for Organizations), and only the management
// account's hygiene rule reads it: elsewhere the section is skipped, never denied.
import { z } from 'zod';
import { allTokenPages, SectionSkipped } from '../collect/collector.js';
import { parseCliJson } from '../snapshot/aws-cli-file.js';
import { validateInput } from '../snapshot/input-validation.js';
import { defineSection } from './section.js';

export const delegatedAdministratorSchema = z.object({
  accountId: z.string(),
  /** The services' principals (`guardduty.amazonaws.com`). */
  servicePrincipals: z.array(z.string()),
});
export type DelegatedAdministrator = z.infer<typeof delegatedAdministratorSchema>;

/** One administrator as the AWS CLI save script writes it: its id and ListDelegatedServicesForAccount's pages. */
const savedAdministrator = z.object({
  AccountId: z.string(),
  DelegatedServices: z.array(z.object({ ServicePrincipal: z.string() })),
});

/** Administrators with the services each administers -> the section's data, sorted by account. */
export function normalizeDelegatedAdministrators(output: unknown, source: string): DelegatedAdministrator[] {
  return validateInput(z.array(savedAdministrator), output, source)
    .map((admin) => ({
      accountId: admin.AccountId,
      servicePrincipals: admin.DelegatedServices.map((service) => service.ServicePrincipal).sort(),
    }))
    .sort((a, b) => a.accountId.localeCompare(b.accountId));
}

const LIST_ADMINISTRATORS = 'organizations:ListDelegatedAdministrators' as const;
const FILE = 'delegated-services.json';

export const delegatedAdministratorsSection = defineSection({
  name: 'delegatedAdministrators',
  data: z.array(delegatedAdministratorSchema),
  reads: [LIST_ADMINISTRATORS, 'organizations:ListDelegatedServicesForAccount'],
  readWith: ['organization'],
  async collect({ clients, identity, shared }) {
    const organization = await shared.organization();
    if (organization?.managementAccountId !== identity.accountId) {
      throw new SectionSkipped(
        'NotManagementAccount',
        'delegated administrators are judged only in the management account; audit it to include them',
        LIST_ADMINISTRATORS,
      );
    }
    const { ListDelegatedAdministratorsCommand, ListDelegatedServicesForAccountCommand } =
      await import('@aws-sdk/client-organizations');
    const adminPages = await allTokenPages(
      (NextToken) => clients.organizations.send(new ListDelegatedAdministratorsCommand({ NextToken })),
      (page) => page.NextToken,
    );
    const accountIds = adminPages.flatMap((page) =>
      (page.DelegatedAdministrators ?? []).map((admin) => admin.Id),
    );
    const saved = await Promise.all(
      accountIds
        .filter((id): id is string => id !== undefined)
        .map(async (AccountId) => {
          const pages = await allTokenPages(
            (NextToken) =>
              clients.organizations.send(
                new ListDelegatedServicesForAccountCommand({ AccountId, NextToken }),
              ),
            (page) => page.NextToken,
          );
          return { AccountId, DelegatedServices: pages.flatMap((page) => page.DelegatedServices ?? []) };
        }),
    );
    return normalizeDelegatedAdministrators(saved, `${LIST_ADMINISTRATORS} responses`);
  },
  awsCli: {
    kind: 'file',
    files: [{ name: FILE }],
    howToSave:
      // jq, not --output text: that prints None where the answer holds no list.
      "for A in $(aws organizations list-delegated-administrators | jq -r '.DelegatedAdministrators[]?.Id'); " +
      'do aws organizations list-delegated-services-for-account --account-id $A | ' +
      `jq --arg A $A '{AccountId: $A} + .'; done | jq -s . > ${FILE} (in the management account)`,
    action: LIST_ADMINISTRATORS,
    read: (file) => normalizeDelegatedAdministrators(parseCliJson(file), file.path),
  },
});
