import { z } from 'zod';
import { accountArn, optionalSectionData, sectionData } from '../../snapshot/access.js';
import { isManagementAccountOrUnknown } from '../shared/guardrails.js';
import { cis, defineRule } from '../types.js';

/** The IAM organization feature that lets the management account remove members' root credentials. */
const ROOT_CREDENTIALS_MANAGEMENT = 'RootCredentialsManagement';

export const rootCredentialsNotCentralized = defineRule({
  id: 'root-credentials-not-centralized',
  title: "The organization manages member accounts' root credentials centrally",
  severity: 'medium',
  needs: ['organizationFeatures'],
  options: z.object({}).strict(),
  // A setting of the organization, made and readable only in its management account.
  appliesTo: isManagementAccountOrUnknown,
  docs: {
    rationale:
      'Every member account has a root user, and each root password, access key or MFA device is one ' +
      'more credential that can be phished, leaked or lost. With centralized root access ' +
      '(`RootCredentialsManagement`, November 2024) the management account can remove member ' +
      "accounts' root credentials altogether, keep new accounts from getting any, and still perform " +
      'the few root-only tasks through short privileged sessions (`RootSessions`).\n\n' +
      'Read with IAM `ListOrganizationsFeatures`, which answers only in the management account (or ' +
      "IAM's delegated administrator), so the rule concerns the management account; with `--org` the " +
      'features are read there once for the whole run.',
    remediation:
      'From the management account: `aws organizations enable-aws-service-access --service-principal ' +
      'iam.amazonaws.com`, then `aws iam enable-organizations-root-credentials-management` (and ' +
      '`aws iam enable-organizations-root-sessions`). Then delete the root credentials of the member ' +
      'accounts (IAM console, Root access management).',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management',
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListOrganizationsFeatures.html',
    ],
  },
  frameworks: cis({ v7: '2.1.1' }),
  check: ({ snapshot }) => {
    const features = sectionData(snapshot, 'organizationFeatures');
    if (features.enabledFeatures.includes(ROOT_CREDENTIALS_MANAGEMENT)) return [];
    const organization = optionalSectionData(snapshot, 'organization');
    const organizationId = organization?.id ?? features.organizationId;
    // Not in an organization: there is nothing to centralize (account-not-in-organization says so).
    if (organization === null || !organizationId) return [];
    return [
      {
        resource: organization?.arn ?? accountArn(snapshot),
        message:
          `Organization ${organizationId} does not manage root credentials centrally ` +
          `(${ROOT_CREDENTIALS_MANAGEMENT} is off): every member account keeps its own root password, keys and MFA to protect.`,
        evidence: { enabledFeatures: features.enabledFeatures },
      },
    ];
  },
});
