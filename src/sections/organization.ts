// organization: the AWS Organization the account belongs to (DescribeOrganization works from any
// member). AWSOrganizationsNotInUseException means the account is standalone: that is data (null),
// which account-not-in-organization reports, not a failure to collect.
import { DescribeOrganizationCommand } from '@aws-sdk/client-organizations';
import { normalizeOrganization } from '../snapshot/guardrail-outputs.js';
import type { Organization } from '../snapshot/schema.js';
import type { Clients } from '../collect/clients.js';
import type { SectionCollector } from '../collect/collector.js';
import { awsErrorCode } from '../collect/failures.js';

const NOT_IN_ORGANIZATION = 'AWSOrganizationsNotInUseException';

/** The organization, or null when the account is in none. */
export async function describeOrganization(clients: Clients): Promise<Organization | null> {
  try {
    const output = await clients.organizations.send(new DescribeOrganizationCommand({}));
    return normalizeOrganization(output, 'organizations:DescribeOrganization response');
  } catch (error) {
    if (awsErrorCode(error) === NOT_IN_ORGANIZATION) return null;
    throw error;
  }
}

export const organizationCollector: SectionCollector<'organization'> = {
  section: 'organization',
  collect: (context) => context.shared.organization(),
};
