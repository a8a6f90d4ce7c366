// organizationFeatures: which IAM centralized root access features the organization has turned on
// (RootCredentialsManagement: the management account can remove and recover member accounts' root
// credentials; RootSessions: it can run privileged tasks in them). IAM answers only in the
// management account or its delegated administrator for IAM.
import { ListOrganizationsFeaturesCommand } from '@aws-sdk/client-iam';
import { normalizeOrganizationFeatures } from '../snapshot/guardrail-outputs.js';
import type { Organization, OrganizationFeatures } from '../snapshot/schema.js';
import type { Clients } from '../collect/clients.js';
import type { SectionCollector } from '../collect/collector.js';
import { SectionSkipped } from '../collect/collector.js';
import { awsErrorCode } from '../collect/failures.js';

const ACTION = 'iam:ListOrganizationsFeatures';

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

export const organizationFeaturesCollector: SectionCollector<'organizationFeatures'> = {
  section: 'organizationFeatures',
  collect: ({ clients, shared }) => listOrganizationsFeatures(clients, shared.organization),
};
