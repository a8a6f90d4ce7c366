// authorizationDetails: every user, group, role and managed policy with their policies, from
// GetAccountAuthorizationDetails at 1,000 entities a page. One call per thousand principals instead
// of several per principal is what keeps large accounts fast and under IAM's throttling limits.
// Each entity type is paged in its own chain (Filter), and the chains run side by side: a large
// page takes IAM seconds to build, and waiting for 20 of them one after another is most of a
// large account's collection time. Documents arrive URL-encoded; normalizeAuthorizationDetails
// decodes them (decodeURIComponent, never a form decoder).
import type { EntityType } from '@aws-sdk/client-iam';
import { z } from 'zod';
import { allPages, MAX_ITEMS } from '../collect/collector.js';
import { pagesOf, parseCliJson } from '../snapshot/aws-cli-file.js';
import { normalizeAuthorizationDetails } from '../snapshot/authorization-details.js';
import { isoDate, policyDocumentSchema } from '../snapshot/schema-parts.js';
import type { TimeInside } from '../snapshot/times-inside.js';
import { defineSection } from './section.js';

export const inlinePolicySchema = z.object({ name: z.string(), document: policyDocumentSchema });
export type InlinePolicy = z.infer<typeof inlinePolicySchema>;

export const attachedPolicySchema = z.object({ name: z.string(), arn: z.string() });
export type AttachedPolicy = z.infer<typeof attachedPolicySchema>;

const tagsSchema = z.array(z.object({ Key: z.string(), Value: z.string() }));

/** What a user and a group both have, in snapshot order. */
const identityFields = {
  name: z.string(),
  id: z.string(),
  arn: z.string(),
  path: z.string(),
  createDate: isoDate.nullable(),
  inlinePolicies: z.array(inlinePolicySchema),
  attachedPolicies: z.array(attachedPolicySchema),
};

export const userDetailSchema = z.object({
  ...identityFields,
  /** Group names, as GetAccountAuthorizationDetails gives them. */
  groups: z.array(z.string()),
  permissionsBoundaryArn: z.string().nullable(),
  tags: tagsSchema,
});
export type UserDetail = z.infer<typeof userDetailSchema>;

export const groupDetailSchema = z.object(identityFields);
export type GroupDetail = z.infer<typeof groupDetailSchema>;

export const roleDetailSchema = z.object({
  name: z.string(),
  id: z.string(),
  arn: z.string(),
  path: z.string(),
  createDate: isoDate.nullable(),
  trustPolicy: policyDocumentSchema.nullable(),
  inlinePolicies: z.array(inlinePolicySchema),
  attachedPolicies: z.array(attachedPolicySchema),
  permissionsBoundaryArn: z.string().nullable(),
  tags: tagsSchema,
  lastUsed: z.object({ date: isoDate.nullable(), region: z.string().nullable() }).nullable(),
  instanceProfileArns: z.array(z.string()),
});
export type RoleDetail = z.infer<typeof roleDetailSchema>;

export const policyVersionSchema = z.object({
  versionId: z.string(),
  isDefault: z.boolean(),
  createDate: isoDate.nullable(),
  document: policyDocumentSchema.nullable(),
});
export type PolicyVersion = z.infer<typeof policyVersionSchema>;

export const managedPolicySchema = z.object({
  name: z.string(),
  id: z.string().nullable(),
  arn: z.string(),
  path: z.string(),
  /** True for AWS managed policies (ARN account field `aws`). */
  awsManaged: z.boolean(),
  defaultVersionId: z.string().nullable(),
  attachmentCount: z.number().int().nullable(),
  permissionsBoundaryUsageCount: z.number().int().nullable(),
  isAttachable: z.boolean().nullable(),
  description: z.string().nullable(),
  createDate: isoDate.nullable(),
  updateDate: isoDate.nullable(),
  versions: z.array(policyVersionSchema),
});
export type ManagedPolicy = z.infer<typeof managedPolicySchema>;

export const authorizationDetailsSchema = z.object({
  users: z.array(userDetailSchema),
  groups: z.array(groupDetailSchema),
  roles: z.array(roleDetailSchema),
  policies: z.array(managedPolicySchema),
});
export type AuthorizationDetails = z.infer<typeof authorizationDetailsSchema>;

/** Every entity type, in snapshot order. AWS managed policies are listed only while attached. */
const ENTITY_TYPES: readonly EntityType[] = [
  'User',
  'Group',
  'Role',
  'LocalManagedPolicy',
  'AWSManagedPolicy',
];

/** The file the AWS CLI saves the authorization details to. */
export const AUTHORIZATION_DETAILS = 'get-account-authorization-details.json';

function authorizationDetailsTimes(details: AuthorizationDetails): TimeInside[] {
  return [
    ...details.users.map((user) => ({ what: `CreateDate of user ${user.name}`, time: user.createDate })),
    ...details.groups.map((group) => ({ what: `CreateDate of group ${group.name}`, time: group.createDate })),
    ...details.roles.flatMap((role) => [
      { what: `CreateDate of role ${role.name}`, time: role.createDate },
      { what: `RoleLastUsed.LastUsedDate of role ${role.name}`, time: role.lastUsed?.date ?? null },
    ]),
    ...details.policies.flatMap((policy) => [
      { what: `CreateDate of policy ${policy.name}`, time: policy.createDate },
      { what: `UpdateDate of policy ${policy.name}`, time: policy.updateDate },
      ...policy.versions.map((version) => ({
        what: `CreateDate of policy ${policy.name} version ${version.versionId}`,
        time: version.createDate,
      })),
    ]),
  ];
}

export const authorizationDetailsSection = defineSection({
  name: 'authorizationDetails',
  data: authorizationDetailsSchema,
  reads: ['iam:GetAccountAuthorizationDetails'],
  async collect({ clients, progress }) {
    const { GetAccountAuthorizationDetailsCommand } = await import('@aws-sdk/client-iam');
    let pagesSoFar = 0;
    const onPage = () => {
      pagesSoFar += 1;
      progress.update('authorizationDetails', `${pagesSoFar} pages`);
    };
    // allSettled: when one chain fails, the others still finish before the error is reported, so
    // no request is left in flight once the section is done.
    const chains = await Promise.allSettled(
      ENTITY_TYPES.map((type) =>
        allPages(
          (Marker) =>
            clients.iam.send(
              new GetAccountAuthorizationDetailsCommand({ Filter: [type], MaxItems: MAX_ITEMS, Marker }),
            ),
          onPage,
        ),
      ),
    );
    const failed = chains.find((chain) => chain.status === 'rejected');
    if (failed) throw failed.reason;
    const pages = chains.flatMap((chain) => (chain.status === 'fulfilled' ? chain.value : []));
    return normalizeAuthorizationDetails(pages, 'iam:GetAccountAuthorizationDetails response');
  },
  awsCli: {
    kind: 'file',
    files: [
      {
        name: AUTHORIZATION_DETAILS,
        shape: {
          required: {
            UserDetailList: 'list',
            GroupDetailList: 'list',
            RoleDetailList: 'list',
            Policies: 'list',
            // GetAccountAuthorizationDetails returns every version of a managed policy with its
            // document (ListPolicyVersions is the call that leaves documents out).
            'Policies[].PolicyVersionList': 'list',
            'Policies[].PolicyVersionList[].Document': 'policy document',
          },
          more: 'Marker',
        },
      },
    ],
    howToSave: `aws iam get-account-authorization-details > ${AUTHORIZATION_DETAILS}`,
    action: 'iam:GetAccountAuthorizationDetails',
    read: (file) => normalizeAuthorizationDetails(pagesOf(parseCliJson(file)), file.path),
    timesInside: authorizationDetailsTimes,
  },
});
