// IAM over AWS Query, answering the read operations iamspect collects from the account model.
// Policy documents go out URL-encoded (RFC 3986) as real IAM sends them; timestamps are UTC.
import { EntityType } from '@aws-sdk/client-iam';
import { credentialReportCsv } from '../credential-report-csv.js';
import type {
  FakeAccount,
  FakeGroup,
  FakeManagedPolicy,
  FakeRole,
  FakeUser,
  JsonDocument,
} from '../model.js';
import { iamArn, managedPolicyArn, mfaSerial, pathArn, ROOT_VIRTUAL_MFA_NAME, userArn } from '../model.js';
import { FakeAwsError, XmlMap } from '../protocols.js';
import type { FakeService } from '../service.js';
import { paginate } from '../service.js';

function encodeDocument(document: JsonDocument): string {
  return encodeURIComponent(JSON.stringify(document));
}

function inlinePolicyList(policies: Record<string, JsonDocument>) {
  return Object.entries(policies).map(([PolicyName, document]) => ({
    PolicyName,
    PolicyDocument: encodeDocument(document),
  }));
}

function attachedPolicyList(arns: string[]) {
  return arns.map((PolicyArn) => ({
    PolicyName: PolicyArn.slice(PolicyArn.lastIndexOf('/') + 1),
    PolicyArn,
  }));
}

function permissionsBoundary(arn: string | null) {
  return arn
    ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn }
    : undefined;
}

function userDetail(account: FakeAccount, user: FakeUser) {
  return {
    Path: user.path,
    UserName: user.name,
    UserId: user.id,
    Arn: userArn(account, user),
    CreateDate: user.created,
    UserPolicyList: inlinePolicyList(user.inlinePolicies),
    GroupList: user.groups,
    AttachedManagedPolicies: attachedPolicyList(user.attachedPolicyArns),
    PermissionsBoundary: permissionsBoundary(user.permissionsBoundaryArn),
    Tags: user.tags,
  };
}

function groupDetail(account: FakeAccount, group: FakeGroup) {
  return {
    Path: group.path,
    GroupName: group.name,
    GroupId: group.id,
    Arn: pathArn(account, 'group', group.path, group.name),
    CreateDate: group.created,
    GroupPolicyList: inlinePolicyList(group.inlinePolicies),
    AttachedManagedPolicies: attachedPolicyList(group.attachedPolicyArns),
  };
}

function roleDetail(account: FakeAccount, role: FakeRole) {
  const arn = pathArn(account, 'role', role.path, role.name);
  const summary = {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: arn,
    CreateDate: role.created,
  };
  return {
    ...summary,
    AssumeRolePolicyDocument: encodeDocument(role.trustPolicy),
    InstanceProfileList: role.instanceProfileNames.map((name) => ({
      Path: '/',
      InstanceProfileName: name,
      InstanceProfileId: `AIPA${role.id.slice(4)}`,
      Arn: iamArn(account, `instance-profile/${name}`),
      CreateDate: role.created,
      Roles: [summary],
    })),
    RolePolicyList: inlinePolicyList(role.inlinePolicies),
    AttachedManagedPolicies: attachedPolicyList(role.attachedPolicyArns),
    PermissionsBoundary: permissionsBoundary(role.permissionsBoundaryArn),
    Tags: role.tags,
    // An unused role still carries an empty element, as IAM sends it.
    RoleLastUsed: role.lastUsed ? { LastUsedDate: role.lastUsed.date, Region: role.lastUsed.region } : {},
  };
}

interface PolicyUsage {
  attachments: Map<string, number>;
  boundaries: Map<string, number>;
}

function policyUsage(account: FakeAccount): PolicyUsage {
  const attachments = new Map<string, number>();
  const boundaries = new Map<string, number>();
  const bump = (map: Map<string, number>, arn: string | null) => {
    if (arn) map.set(arn, (map.get(arn) ?? 0) + 1);
  };
  for (const principal of [...account.users, ...account.groups, ...account.roles]) {
    for (const arn of principal.attachedPolicyArns) bump(attachments, arn);
  }
  for (const principal of [...account.users, ...account.roles])
    bump(boundaries, principal.permissionsBoundaryArn);
  return { attachments, boundaries };
}

function policyDetail(account: FakeAccount, policy: FakeManagedPolicy, usage: PolicyUsage) {
  const arn = managedPolicyArn(account, policy);
  return {
    PolicyName: policy.name,
    PolicyId: policy.id,
    Arn: arn,
    Path: policy.path,
    DefaultVersionId: policy.versions.find((version) => version.isDefault)?.versionId,
    AttachmentCount: usage.attachments.get(arn) ?? 0,
    PermissionsBoundaryUsageCount: usage.boundaries.get(arn) ?? 0,
    IsAttachable: true,
    Description: policy.description ?? undefined,
    CreateDate: policy.created,
    UpdateDate: policy.updated,
    PolicyVersionList: policy.versions.map((version) => ({
      Document: encodeDocument(version.document),
      VersionId: version.versionId,
      IsDefaultVersion: version.isDefault,
      CreateDate: version.created,
    })),
  };
}

/** The Filter values IAM accepts, from the SDK's own list (the collector keeps its own, in snapshot order). */
const ENTITY_TYPES: readonly EntityType[] = Object.values(EntityType);

type Entity =
  | { type: 'User'; item: FakeUser }
  | { type: 'Group'; item: FakeGroup }
  | { type: 'Role'; item: FakeRole }
  | { type: 'LocalManagedPolicy' | 'AWSManagedPolicy'; item: FakeManagedPolicy };

/**
 * Every entity the filter selects, in one sequence that MaxItems pages through regardless of type
 * (a page may end in the middle of the users and continue with them on the next).
 */
function authorizationEntities(
  account: FakeAccount,
  filter: readonly EntityType[],
  usage: () => PolicyUsage,
): Entity[] {
  const wanted = new Set(filter.length > 0 ? filter : ENTITY_TYPES);
  const entities: Entity[] = [];
  if (wanted.has('User')) for (const item of account.users) entities.push({ type: 'User', item });
  if (wanted.has('Group')) for (const item of account.groups) entities.push({ type: 'Group', item });
  if (wanted.has('Role')) for (const item of account.roles) entities.push({ type: 'Role', item });
  for (const item of account.policies) {
    const type = item.awsManaged ? 'AWSManagedPolicy' : 'LocalManagedPolicy';
    if (!wanted.has(type)) continue;
    // AWS managed policies are listed only while something uses them.
    if (
      type === 'LocalManagedPolicy' ||
      (usage().attachments.get(managedPolicyArn(account, item)) ?? 0) > 0
    ) {
      entities.push({ type, item });
    }
  }
  return entities;
}

function entityFilter(input: Record<string, unknown>): EntityType[] {
  const filter = (input.Filter as string[] | undefined) ?? [];
  for (const type of filter) {
    if (!ENTITY_TYPES.includes(type as EntityType)) {
      throw new FakeAwsError('ValidationError', `Invalid EntityType in Filter: ${type}`);
    }
  }
  return filter as EntityType[];
}

function getAccountAuthorizationDetails(input: Record<string, unknown>, account: FakeAccount) {
  // Counting attachments walks every principal: done only when a policy is on the way out.
  let usage: PolicyUsage | undefined;
  const lazyUsage = () => (usage ??= policyUsage(account));
  const { page, IsTruncated, Marker } = paginate(
    authorizationEntities(account, entityFilter(input), lazyUsage),
    input,
    100,
  );
  const result = {
    UserDetailList: [] as unknown[],
    GroupDetailList: [] as unknown[],
    RoleDetailList: [] as unknown[],
    Policies: [] as unknown[],
    IsTruncated,
    Marker,
  };
  for (const entity of page) {
    if (entity.type === 'User') result.UserDetailList.push(userDetail(account, entity.item));
    else if (entity.type === 'Group') result.GroupDetailList.push(groupDetail(account, entity.item));
    else if (entity.type === 'Role') result.RoleDetailList.push(roleDetail(account, entity.item));
    else result.Policies.push(policyDetail(account, entity.item, lazyUsage()));
  }
  return result;
}

function virtualMfaDevices(account: FakeAccount) {
  const devices: Array<{ SerialNumber: string; User?: Record<string, unknown>; EnableDate?: Date }> = [];
  if (account.root.mfa === 'virtual') {
    // Root's device names root by ARN and account id only: no UserName, no Path.
    devices.push({
      SerialNumber: mfaSerial(account, ROOT_VIRTUAL_MFA_NAME),
      User: { Arn: iamArn(account, 'root'), UserId: account.id },
      EnableDate: account.created,
    });
  }
  for (const user of account.users.filter((candidate) => candidate.mfa === 'virtual')) {
    devices.push({
      SerialNumber: mfaSerial(account, user.mfaDeviceName),
      User: {
        Path: user.path,
        UserName: user.name,
        UserId: user.id,
        Arn: userArn(account, user),
        CreateDate: user.created,
      },
      EnableDate: user.created,
    });
  }
  for (const name of account.unassignedMfaDevices) devices.push({ SerialNumber: mfaSerial(account, name) });
  return devices;
}

function listVirtualMfaDevices(input: Record<string, unknown>, account: FakeAccount) {
  const status = (input.AssignmentStatus as string | undefined) ?? 'Any';
  const devices = virtualMfaDevices(account).filter((device) =>
    status === 'Assigned' ? device.User : status === 'Unassigned' ? !device.User : true,
  );
  const { page, IsTruncated, Marker } = paginate(devices, input, 100);
  return { VirtualMFADevices: page, IsTruncated, Marker };
}

function listServerCertificates(input: Record<string, unknown>, account: FakeAccount) {
  const prefix = (input.PathPrefix as string | undefined) ?? '/';
  const certificates = account.serverCertificates
    .filter((certificate) => certificate.path.startsWith(prefix))
    .map((certificate) => ({
      Path: certificate.path,
      ServerCertificateName: certificate.name,
      ServerCertificateId: certificate.id,
      Arn: pathArn(account, 'server-certificate', certificate.path, certificate.name),
      UploadDate: certificate.uploaded,
      Expiration: certificate.expiration,
    }));
  const { page, IsTruncated, Marker } = paginate(certificates, input, 100);
  return { ServerCertificateMetadataList: page, IsTruncated, Marker };
}

function accountSummary(account: FakeAccount): XmlMap {
  const usersWithMfa = account.users.filter((user) => user.mfa !== 'none').length;
  const rootMfa = account.root.mfa !== 'none' ? 1 : 0;
  return new XmlMap({
    Users: account.users.length,
    UsersQuota: 5000,
    Groups: account.groups.length,
    GroupsQuota: 300,
    Roles: account.roles.length,
    RolesQuota: 1000,
    Policies: account.policies.filter((policy) => !policy.awsManaged).length,
    PoliciesQuota: 1500,
    ServerCertificates: account.serverCertificates.length,
    ServerCertificatesQuota: 20,
    MFADevices: usersWithMfa + rootMfa + account.unassignedMfaDevices.length,
    MFADevicesInUse: usersWithMfa + rootMfa,
    AccountMFAEnabled: rootMfa,
    AccountAccessKeysPresent: account.root.accessKeys.length > 0 ? 1 : 0,
    AccountPasswordPresent: account.root.password ? 1 : 0,
    AccountSigningCertificatesPresent: 0,
    AccessKeysPerUserQuota: 2,
    GroupsPerUserQuota: 10,
    AttachedPoliciesPerUserQuota: 10,
    AttachedPoliciesPerGroupQuota: 10,
    AttachedPoliciesPerRoleQuota: 10,
    PolicySizeQuota: 6144,
    VersionsPerPolicyQuota: 5,
    GlobalEndpointTokenVersion: 1,
  });
}

function generateCredentialReport(account: FakeAccount) {
  const report = account.credentialReport;
  if (report.status === 'complete') return { State: 'COMPLETE' };
  if (report.status === 'none' || report.status === 'expired') {
    report.status = 'generating';
    report.generateCalls = 1;
  } else {
    report.generateCalls += 1;
  }
  if (!report.neverCompletes && report.generateCalls >= report.generateCallsToComplete) {
    report.status = 'complete';
    return { State: 'COMPLETE' };
  }
  return report.generateCalls === 1
    ? { Description: 'No report exists. Starting a new report generation task', State: 'STARTED' }
    : { State: 'INPROGRESS' };
}

const REPORT_ERRORS = {
  ReportNotPresent: {
    status: 410,
    message: 'Credential report not present. Call GenerateCredentialReport first.',
    next: 'none',
  },
  ReportExpired: {
    status: 410,
    message: 'The credential report has expired. Generate a new one.',
    next: 'expired',
  },
  ReportInProgress: { status: 404, message: 'The credential report is being generated.', next: 'generating' },
} as const;

function getCredentialReport(account: FakeAccount) {
  const report = account.credentialReport;
  const event = report.beforeGet.shift();
  if (event) {
    report.status = REPORT_ERRORS[event].next;
    report.generateCalls = report.status === 'generating' ? 1 : 0;
  }
  if (report.status === 'none') throw reportError('ReportNotPresent');
  if (report.status === 'expired') throw reportError('ReportExpired');
  if (report.status === 'generating') throw reportError('ReportInProgress');
  return {
    // One unbroken base64 line: the SDK rejects base64 with line breaks.
    Content: Buffer.from(credentialReportCsv(account)).toString('base64'),
    ReportFormat: 'text/csv',
    GeneratedTime: report.generatedTime,
  };
}

function reportError(code: keyof typeof REPORT_ERRORS): FakeAwsError {
  return new FakeAwsError(code, REPORT_ERRORS[code].message, REPORT_ERRORS[code].status);
}

export const iamService: FakeService = {
  signingName: 'iam',
  actionPrefix: 'iam',
  protocol: { kind: 'query', xmlns: 'https://iam.amazonaws.com/doc/2010-05-08/' },
  errors: {
    accessDenied: { code: 'AccessDenied', status: 403 },
    throttling: { code: 'Throttling', status: 400 },
    serverError: { code: 'ServiceFailure', status: 500 },
  },
  operations: {
    GetAccountAuthorizationDetails: (input, { account }) => getAccountAuthorizationDetails(input, account),
    ListVirtualMFADevices: (input, { account }) => listVirtualMfaDevices(input, account),
    ListServerCertificates: (input, { account }) => listServerCertificates(input, account),
    ListAccountAliases: (input, { account }) => {
      const { page, IsTruncated, Marker } = paginate(account.alias ? [account.alias] : [], input, 100);
      return { AccountAliases: page, IsTruncated, Marker };
    },
    GetAccountSummary: (_input, { account }) => ({ SummaryMap: accountSummary(account) }),
    // Neither list is paginated by IAM.
    ListSAMLProviders: (_input, { account }) => ({
      SAMLProviderList: account.samlProviders.map((name) => ({
        Arn: iamArn(account, `saml-provider/${name}`),
        ValidUntil: new Date('2030-01-01T00:00:00Z'),
        CreateDate: new Date('2025-01-01T00:00:00Z'),
      })),
    }),
    ListOpenIDConnectProviders: (_input, { account }) => ({
      OpenIDConnectProviderList: account.oidcProviders.map((issuer) => ({
        Arn: iamArn(account, `oidc-provider/${issuer}`),
      })),
    }),
    GetAccountPasswordPolicy: (_input, { account }) => {
      if (!account.passwordPolicy) {
        throw new FakeAwsError(
          'NoSuchEntity',
          `The Password Policy with domain name ${account.id} cannot be found.`,
          404,
        );
      }
      return { PasswordPolicy: account.passwordPolicy };
    },
    ListOrganizationsFeatures: (_input, { account }) => {
      const organization = account.organization;
      if (!organization) {
        throw new FakeAwsError('OrganizationNotFoundException', 'The account is not in an organization.');
      }
      if (organization.managementAccountId !== account.id) {
        throw new FakeAwsError(
          'AccountNotManagementOrDelegatedAdministratorException',
          'The request was rejected because the account making the request is not the management account or delegated administrator account for centralized root access.',
        );
      }
      return { OrganizationId: organization.id, EnabledFeatures: organization.enabledFeatures };
    },
    GenerateCredentialReport: (_input, { account }) => generateCredentialReport(account),
    GetCredentialReport: (_input, { account }) => getCredentialReport(account),
  },
};
