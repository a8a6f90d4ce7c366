// GetAccountAuthorizationDetails (GAAD) pages into the snapshot's AuthorizationDetails. The same
// function serves the live collector (SDK v3 pages: Date objects, URL-encoded policy documents)
// and the AWS CLI reader (JSON: ISO strings, documents already decoded by botocore), so it takes
// plain values and accepts both forms of every field that differs.
import { z } from 'zod';
import { readPolicyDocument } from './policy-document.js';
import { InputError } from '../errors.js';
import type {
  AttachedPolicy,
  AuthorizationDetails,
  GroupDetail,
  InlinePolicy,
  ManagedPolicy,
  RoleDetail,
  UserDetail,
} from './schema.js';
import { awsTimestampSchema, validatePages } from './input-validation.js';

// Input shapes: only what iamspect reads. Unknown keys are dropped; optional fields default the
// way IAM documents them. Identity fields (name, id, ARN) are required: nothing can be said
// about a principal without them.
const timestamp = awsTimestampSchema.optional();
/** A policy document: URL-encoded or JSON text (IAM API, SDK v3) or a decoded object (AWS CLI). */
const documentInput = z.unknown();
const tagsInput = z.array(z.object({ Key: z.string(), Value: z.string() })).optional();
const inlinePoliciesInput = z
  .array(z.object({ PolicyName: z.string(), PolicyDocument: documentInput }))
  .optional();
const attachedPoliciesInput = z
  .array(z.object({ PolicyName: z.string().optional(), PolicyArn: z.string() }))
  .optional();
const permissionsBoundaryInput = z.object({ PermissionsBoundaryArn: z.string().optional() }).optional();

const userInput = z.object({
  UserName: z.string(),
  UserId: z.string(),
  Arn: z.string(),
  Path: z.string().optional(),
  CreateDate: timestamp,
  UserPolicyList: inlinePoliciesInput,
  GroupList: z.array(z.string()).optional(),
  AttachedManagedPolicies: attachedPoliciesInput,
  PermissionsBoundary: permissionsBoundaryInput,
  Tags: tagsInput,
});

const groupInput = z.object({
  GroupName: z.string(),
  GroupId: z.string(),
  Arn: z.string(),
  Path: z.string().optional(),
  CreateDate: timestamp,
  GroupPolicyList: inlinePoliciesInput,
  AttachedManagedPolicies: attachedPoliciesInput,
});

const roleInput = z.object({
  RoleName: z.string(),
  RoleId: z.string(),
  Arn: z.string(),
  Path: z.string().optional(),
  CreateDate: timestamp,
  AssumeRolePolicyDocument: documentInput.optional(),
  InstanceProfileList: z.array(z.object({ Arn: z.string() })).optional(),
  RolePolicyList: inlinePoliciesInput,
  AttachedManagedPolicies: attachedPoliciesInput,
  PermissionsBoundary: permissionsBoundaryInput,
  Tags: tagsInput,
  // `<RoleLastUsed/>` parses to {} for a role never used (or not used within tracking).
  RoleLastUsed: z.object({ LastUsedDate: timestamp, Region: z.string().optional() }).optional(),
});

const policyInput = z.object({
  PolicyName: z.string().optional(),
  PolicyId: z.string().optional(),
  Arn: z.string(),
  Path: z.string().optional(),
  DefaultVersionId: z.string().optional(),
  AttachmentCount: z.number().int().optional(),
  PermissionsBoundaryUsageCount: z.number().int().optional(),
  IsAttachable: z.boolean().optional(),
  Description: z.string().optional(),
  CreateDate: timestamp,
  UpdateDate: timestamp,
  PolicyVersionList: z
    .array(
      z.object({
        VersionId: z.string(),
        IsDefaultVersion: z.boolean().optional(),
        CreateDate: timestamp,
        Document: documentInput.optional(),
      }),
    )
    .optional(),
});

const pageInput = z.object({
  UserDetailList: z.array(userInput).optional(),
  GroupDetailList: z.array(groupInput).optional(),
  RoleDetailList: z.array(roleInput).optional(),
  Policies: z.array(policyInput).optional(),
  IsTruncated: z.boolean().optional(),
  /** What the AWS CLI prints when --max-items cut its output short. */
  NextToken: z.string().optional(),
});
type PageInput = z.output<typeof pageInput>;

/**
 * Normalises one or more GAAD outputs (in page order) into one AuthorizationDetails. `source`
 * names the input in errors. A malformed page is an InputError naming the field; a policy
 * document that cannot be parsed at all is kept as an empty document whose `problems` say why,
 * so one bad document never loses the rest of the account.
 */
export function normalizeAuthorizationDetails(
  pages: readonly unknown[],
  source: string,
): AuthorizationDetails {
  const parsed = validatePages(pageInput, pages, source);
  const last = parsed.at(-1);
  if (last && isTruncated(last)) {
    throw new InputError(
      `${source}: the last page says more follows (IsTruncated or NextToken), so principals would be missing`,
      'Pass every page, in order (with the AWS CLI: run get-account-authorization-details without --max-items).',
    );
  }
  return {
    users: parsed.flatMap((page) => (page.UserDetailList ?? []).map(normalizeUser)),
    groups: parsed.flatMap((page) => (page.GroupDetailList ?? []).map(normalizeGroup)),
    roles: parsed.flatMap((page) => (page.RoleDetailList ?? []).map(normalizeRole)),
    policies: parsed.flatMap((page) => (page.Policies ?? []).map(normalizeManagedPolicy)),
  };
}

/** More data exists after this page (IsTruncated with or without a Marker to follow: either way it is partial). */
function isTruncated(page: PageInput): boolean {
  return page.IsTruncated === true || page.NextToken !== undefined;
}

function inlinePolicies(list: z.output<typeof inlinePoliciesInput>): InlinePolicy[] {
  return (list ?? []).map((policy) => ({
    name: policy.PolicyName,
    document: readPolicyDocument(policy.PolicyDocument),
  }));
}

function attachedPolicies(list: z.output<typeof attachedPoliciesInput>): AttachedPolicy[] {
  return (list ?? []).map((policy) => ({
    name: policy.PolicyName ?? policyArnParts(policy.PolicyArn).name,
    arn: policy.PolicyArn,
  }));
}

function normalizeUser(user: z.output<typeof userInput>): UserDetail {
  return {
    name: user.UserName,
    id: user.UserId,
    arn: user.Arn,
    path: user.Path ?? '/',
    createDate: user.CreateDate ?? null,
    inlinePolicies: inlinePolicies(user.UserPolicyList),
    attachedPolicies: attachedPolicies(user.AttachedManagedPolicies),
    groups: user.GroupList ?? [],
    permissionsBoundaryArn: user.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
    tags: user.Tags ?? [],
  };
}

function normalizeGroup(group: z.output<typeof groupInput>): GroupDetail {
  return {
    name: group.GroupName,
    id: group.GroupId,
    arn: group.Arn,
    path: group.Path ?? '/',
    createDate: group.CreateDate ?? null,
    inlinePolicies: inlinePolicies(group.GroupPolicyList),
    attachedPolicies: attachedPolicies(group.AttachedManagedPolicies),
  };
}

function normalizeRole(role: z.output<typeof roleInput>): RoleDetail {
  return {
    name: role.RoleName,
    id: role.RoleId,
    arn: role.Arn,
    path: role.Path ?? '/',
    createDate: role.CreateDate ?? null,
    trustPolicy:
      role.AssumeRolePolicyDocument === undefined ? null : readPolicyDocument(role.AssumeRolePolicyDocument),
    inlinePolicies: inlinePolicies(role.RolePolicyList),
    attachedPolicies: attachedPolicies(role.AttachedManagedPolicies),
    permissionsBoundaryArn: role.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
    tags: role.Tags ?? [],
    lastUsed: role.RoleLastUsed
      ? { date: role.RoleLastUsed.LastUsedDate ?? null, region: role.RoleLastUsed.Region ?? null }
      : null,
    instanceProfileArns: (role.InstanceProfileList ?? []).map((profile) => profile.Arn),
  };
}

function normalizeManagedPolicy(policy: z.output<typeof policyInput>): ManagedPolicy {
  const fromArn = policyArnParts(policy.Arn);
  const defaultVersionId = policy.DefaultVersionId ?? null;
  return {
    name: policy.PolicyName ?? fromArn.name,
    id: policy.PolicyId ?? null,
    arn: policy.Arn,
    path: policy.Path ?? fromArn.path,
    awsManaged: fromArn.account === 'aws',
    defaultVersionId,
    attachmentCount: policy.AttachmentCount ?? null,
    permissionsBoundaryUsageCount: policy.PermissionsBoundaryUsageCount ?? null,
    isAttachable: policy.IsAttachable ?? null,
    description: policy.Description ?? null,
    createDate: policy.CreateDate ?? null,
    updateDate: policy.UpdateDate ?? null,
    // Every version is kept: a non-default version is what SetDefaultPolicyVersion can switch to.
    versions: (policy.PolicyVersionList ?? []).map((version) => ({
      versionId: version.VersionId,
      isDefault: version.IsDefaultVersion ?? version.VersionId === defaultVersionId,
      createDate: version.CreateDate ?? null,
      document: version.Document === undefined ? null : readPolicyDocument(version.Document),
    })),
  };
}

/**
 * `arn:aws:iam::aws:policy/service-role/AWSLambdaRole` -> account `aws`, path `/service-role/`,
 * name `AWSLambdaRole`. The account field is `aws` exactly for AWS managed policies.
 */
function policyArnParts(arn: string): { account: string; path: string; name: string } {
  const [, , , , account = '', ...resourceParts] = arn.split(':');
  const resource = resourceParts.join(':');
  const afterType = resource.slice(resource.indexOf('/') + 1);
  const lastSlash = afterType.lastIndexOf('/');
  return {
    account,
    path: `/${afterType.slice(0, lastSlash + 1)}`,
    name: afterType.slice(lastSlash + 1),
  };
}
