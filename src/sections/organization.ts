// organization: the AWS Organization the account belongs to (DescribeOrganization works from any
// member). AWSOrganizationsNotInUseException means the account is standalone: that is data (null),
// which account-not-in-organization reports, not a failure to collect.
import { z } from 'zod';
import type { Clients } from '../collect/clients.js';
import { awsErrorCode } from '../collect/failures.js';
import { parseCliJson } from '../snapshot/aws-cli-file.js';
import { optionalString, validateInput } from '../snapshot/input-validation.js';
import { defineSection } from './section.js';

/** null data = the account is not in an organization (AWSOrganizationsNotInUseException). */
export const organizationSchema = z.object({
  id: z.string(),
  arn: z.string(),
  featureSet: z.string().nullable(),
  managementAccountId: z.string(),
  managementAccountArn: z.string().nullable(),
});
export type Organization = z.infer<typeof organizationSchema>;

const describeOrganizationOutput = z.object({
  Organization: z.object({
    Id: z.string(),
    Arn: z.string(),
    FeatureSet: optionalString,
    MasterAccountId: z.string(),
    MasterAccountArn: optionalString,
  }),
});

/** DescribeOrganization output -> the organization ("not in one" is the caller's null). */
export function normalizeOrganization(output: unknown, source: string): Organization {
  const { Organization: organization } = validateInput(describeOrganizationOutput, output, source);
  return {
    id: organization.Id,
    arn: organization.Arn,
    featureSet: organization.FeatureSet,
    managementAccountId: organization.MasterAccountId,
    managementAccountArn: organization.MasterAccountArn,
  };
}

const NOT_IN_ORGANIZATION = 'AWSOrganizationsNotInUseException';

/** The organization, or null when the account is in none: the lookup behind `context.shared.organization`. */
export async function describeOrganization(clients: Clients): Promise<Organization | null> {
  const { DescribeOrganizationCommand } = await import('@aws-sdk/client-organizations');
  try {
    const output = await clients.organizations.send(new DescribeOrganizationCommand({}));
    return normalizeOrganization(output, 'organizations:DescribeOrganization response');
  } catch (error) {
    if (awsErrorCode(error) === NOT_IN_ORGANIZATION) return null;
    throw error;
  }
}

export const organizationSection = defineSection({
  name: 'organization',
  data: organizationSchema.nullable(),
  reads: ['organizations:DescribeOrganization'],
  collect: (context) => context.shared.organization(),
  awsCli: {
    kind: 'file',
    files: [{ name: 'describe-organization.json', shape: { required: { Organization: 'object' } } }],
    howToSave: 'aws organizations describe-organization > describe-organization.json',
    action: 'organizations:DescribeOrganization',
    // A standalone account makes the CLI print nothing (AWSOrganizationsNotInUseException goes to stderr).
    read: (file) => (file.text.trim() === '' ? null : normalizeOrganization(parseCliJson(file), file.path)),
  },
});
