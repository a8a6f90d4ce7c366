// organizationFeatures: which IAM centralized root access features the organization has turned on
// (RootCredentialsManagement: the management account can remove and recover member accounts' root
// credentials; RootSessions: it can run privileged tasks in them). IAM answers only in the
// management account or its delegated administrator for IAM.
//
// Its own section, apart from organization: ListOrganizationsFeatures answers only there, while
// DescribeOrganization answers in every member, so account-not-in-organization and the trust
// rules stay evaluated wherever this call is refused.
import { z } from 'zod';
import type { Clients } from '../collect/clients.js';
import { SectionSkipped } from '../collect/collector.js';
import { awsErrorCode } from '../collect/failures.js';
import { parseCliJson } from '../snapshot/aws-cli-file.js';
import { optionalString, validateInput } from '../snapshot/input-validation.js';
import type { Organization } from './organization.js';
import { defineSection } from './section.js';

export const organizationFeaturesSchema = z.object({
  organizationId: z.string().nullable(),
  enabledFeatures: z.array(z.string()),
});
export type OrganizationFeatures = z.infer<typeof organizationFeaturesSchema>;

const organizationsFeaturesOutput = z.object({
  OrganizationId: optionalString,
  EnabledFeatures: z.array(z.string()).optional(),
});

/** IAM ListOrganizationsFeatures output -> the centralized root access features that are on. */
export function normalizeOrganizationFeatures(output: unknown, source: string): OrganizationFeatures {
  const features = validateInput(organizationsFeaturesOutput, output, source);
  return { organizationId: features.OrganizationId, enabledFeatures: features.EnabledFeatures ?? [] };
}

const ACTION = 'iam:ListOrganizationsFeatures' as const;

/**
 * Answers that are facts about the organization rather than failures: no feature can be on when
 * it has only consolidated billing, or when IAM's trusted access is not enabled in it.
 */
const NO_FEATURES_POSSIBLE = new Set([
  'OrganizationNotInAllFeaturesModeException',
  'ServiceAccessNotEnabledException',
]);

/**
 * The features that are on. `organizationId` is null only for an account in no organization;
 * `organizationId` says which organization otherwise (looked up when IAM's answer does not say).
 */
export async function listOrganizationsFeatures(
  clients: Clients,
  organization: () => Promise<Organization | null>,
): Promise<OrganizationFeatures> {
  const { ListOrganizationsFeaturesCommand } = await import('@aws-sdk/client-iam');
  try {
    const output = await clients.iam.send(new ListOrganizationsFeaturesCommand({}));
    return normalizeOrganizationFeatures(output, `${ACTION} response`);
  } catch (error) {
    const code = awsErrorCode(error);
    if (code === 'OrganizationNotFoundException') return { organizationId: null, enabledFeatures: [] };
    if (NO_FEATURES_POSSIBLE.has(code)) {
      return { organizationId: (await organization())?.id ?? null, enabledFeatures: [] };
    }
    if (code === 'AccountNotManagementOrDelegatedAdministratorException') {
      throw new SectionSkipped(
        'NotManagementAccount',
        "IAM reports the organization's root access features only to the management account or its " +
          'delegated administrator; audit with --org from there to include them',
        ACTION,
      );
    }
    throw error;
  }
}

export const organizationFeaturesSection = defineSection({
  name: 'organizationFeatures',
  data: organizationFeaturesSchema,
  reads: [ACTION],
  collect: ({ clients, shared }) => listOrganizationsFeatures(clients, shared.organization),
  awsCli: {
    kind: 'file',
    // OrganizationId is there whenever the call succeeds (it fails outside an organization).
    // EnabledFeatures is not required: read as "none enabled", which makes the root rules judge
    // every member account rather than excuse it.
    files: [{ name: 'list-organizations-features.json', shape: { required: { OrganizationId: 'string' } } }],
    howToSave:
      'aws iam list-organizations-features > list-organizations-features.json (in the management account)',
    action: ACTION,
    read: (file) => normalizeOrganizationFeatures(parseCliJson(file), file.path),
  },
});
