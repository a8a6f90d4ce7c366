// The in-memory AWS account behind the fake endpoint, and small builders for it. Tests describe an
// account in terms of what exists (users with passwords, keys and MFA; groups; roles; policies...)
// and the fake's handlers derive every API answer from it: GetAccountAuthorizationDetails, the
// credential report CSV, GetAccountSummary's counts. One model, so the answers agree with each other
// the way real IAM's do. Dates default relative to NOW, the instant tests pin the collector's clock to.
import { createHash } from 'node:crypto';
import { NOW } from '../builders/snapshot.js';

export const FAKE_NOW = new Date(NOW);
export const DEFAULT_ACCOUNT_ID = '123456789012';

export function daysBefore(days: number, from: Date = FAKE_NOW): Date {
  return new Date(from.getTime() - days * 86_400_000);
}

export type JsonDocument = Record<string, unknown>;

export interface FakeAccessKey {
  id: string;
  status: 'Active' | 'Inactive';
  created: Date;
  lastUsed: { date: Date; region: string; service: string } | null;
}

export interface FakePassword {
  lastChanged: Date;
  /** null = never used (the credential report says `no_information`). */
  lastUsed: Date | null;
}

/** Virtual devices show up in ListVirtualMFADevices; hardware ones only in the report's mfa_active. */
export type MfaKind = 'none' | 'virtual' | 'hardware';

export interface FakeUser {
  name: string;
  id: string;
  path: string;
  created: Date;
  password: FakePassword | null;
  accessKeys: FakeAccessKey[];
  mfa: MfaKind;
  /** Name of the virtual MFA device (its serial is `arn:...:mfa/<name>`). */
  mfaDeviceName: string;
  groups: string[];
  inlinePolicies: Record<string, JsonDocument>;
  attachedPolicyArns: string[];
  permissionsBoundaryArn: string | null;
  tags: Array<{ Key: string; Value: string }>;
}

export interface FakeGroup {
  name: string;
  id: string;
  path: string;
  created: Date;
  inlinePolicies: Record<string, JsonDocument>;
  attachedPolicyArns: string[];
}

export interface FakeRole {
  name: string;
  id: string;
  path: string;
  created: Date;
  trustPolicy: JsonDocument;
  inlinePolicies: Record<string, JsonDocument>;
  attachedPolicyArns: string[];
  permissionsBoundaryArn: string | null;
  tags: Array<{ Key: string; Value: string }>;
  /** null = never used: GetAccountAuthorizationDetails sends an empty `<RoleLastUsed/>`. */
  lastUsed: { date: Date; region: string } | null;
  instanceProfileNames: string[];
  /** How long credentials from sts:AssumeRole of this role last. */
  sessionSeconds: number;
}

export interface FakePolicyVersion {
  versionId: string;
  document: JsonDocument;
  isDefault: boolean;
  created: Date;
}

export interface FakeManagedPolicy {
  name: string;
  id: string;
  path: string;
  /** AWS managed policies live under the `aws` account in their ARN and appear in GAAD only when attached. */
  awsManaged: boolean;
  description: string | null;
  created: Date;
  updated: Date;
  versions: FakePolicyVersion[];
}

export interface FakeServerCertificate {
  name: string;
  id: string;
  path: string;
  uploaded: Date;
  expiration: Date;
}

export interface FakeRoot {
  password: FakePassword | null;
  mfa: MfaKind;
  accessKeys: FakeAccessKey[];
}

export interface FakePasswordPolicy {
  MinimumPasswordLength?: number;
  RequireSymbols?: boolean;
  RequireNumbers?: boolean;
  RequireUppercaseCharacters?: boolean;
  RequireLowercaseCharacters?: boolean;
  AllowUsersToChangePassword?: boolean;
  ExpirePasswords?: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

/**
 * IAM's credential-report life cycle. `status` is where the account's report stands; each
 * GenerateCredentialReport call while `generating` counts towards `generateCallsToComplete`.
 */
export interface FakeCredentialReport {
  status: 'none' | 'generating' | 'complete' | 'expired';
  /** Generate calls (the one that starts generation included) until the report is COMPLETE. */
  generateCallsToComplete: number;
  /** Generation never finishes: Generate says INPROGRESS and Get says ReportInProgress forever. */
  neverCompletes: boolean;
  generateCalls: number;
  /**
   * What happens to the report just before the next Get calls, one entry per call: it vanished
   * (ReportNotPresent), went stale (ReportExpired) or is being regenerated (ReportInProgress).
   * Each also moves `status` accordingly, so the following Generate calls behave like IAM's.
   */
  beforeGet: Array<'ReportNotPresent' | 'ReportExpired' | 'ReportInProgress'>;
  generatedTime: Date;
}

// ---------- guard rails: regions, Config, Access Analyzer, contacts, alarms ----------

/** A region and the account's opt-in status for it, as account:ListRegions words it. */
export interface FakeRegion {
  name: string;
  optStatus: 'ENABLED_BY_DEFAULT' | 'ENABLED' | 'ENABLING' | 'DISABLING' | 'DISABLED';
}

export interface FakeConfigRecorder {
  name: string;
  allSupported: boolean;
  includeGlobalResourceTypes: boolean;
  resourceTypes: string[];
  recording: boolean;
  /** As Config sends it; the model says `Success`, the CLI docs show `SUCCESS`: tests use both. */
  lastStatus: string | null;
  lastErrorCode: string | null;
}

export interface FakeDeliveryChannel {
  name: string;
  lastStatus: string;
  lastErrorCode: string | null;
}

export interface FakeAnalyzer {
  name: string;
  /** ACCOUNT, ORGANIZATION, ACCOUNT_UNUSED_ACCESS, ... */
  type: string;
  status: string;
}

export interface FakeAlarm {
  name: string;
  namespace: string;
  metricName: string;
  /** Metric-math alarms name their metric in a query instead of at the top level. */
  asMetricMath: boolean;
  actionsEnabled: boolean;
  actions: string[];
  state: string;
}

/** A CloudWatch Logs metric filter feeding one metric. */
export interface FakeMetricFilter {
  name: string;
  logGroupName: string;
  pattern: string;
  namespace: string;
  metricName: string;
}

/** An SNS topic and its subscriptions' ARNs (`PendingConfirmation` for one not yet confirmed). */
export interface FakeTopic {
  name: string;
  subscriptionArns: string[];
  /** ListSubscriptionsByTopic refused for this topic (a topic policy that hides it). */
  denied: boolean;
}

/** What the account has in one region of its regional services. */
export interface FakeRegionServices {
  configRecorders: FakeConfigRecorder[];
  deliveryChannels: FakeDeliveryChannel[];
  analyzers: FakeAnalyzer[];
  alarms: FakeAlarm[];
  metricFilters: FakeMetricFilter[];
  topics: FakeTopic[];
  /** IAM Identity Center instances held here (none when absent); 'denied' refuses ListInstances. */
  identityCenter?: FakeIdentityCenterInstance[] | 'denied';
  /** EC2 instances in any state (none when absent). */
  instances?: FakeInstance[];
  /** ec2:DescribeInstances is refused in this region alone (an SCP denying the region). */
  instancesDenied?: boolean;
  /** Resources with resource policies, by IAM action prefix of their service (none when absent). */
  policyResources?: Partial<Record<FakePolicyService, FakePolicyResource[]>>;
  /**
   * The most policyResources one list page holds, below the page the real service sends. Default
   * 2, so a handful of resources exercise every collector's pagination; Infinity for the real
   * services' pages (a benchmark counting requests).
   */
  policyListPageSize?: number;
}

/** An IAM Identity Center instance: its id (`ssoins-...`) and ListInstances' Status. */
export interface FakeIdentityCenterInstance {
  id: string;
  status: 'ACTIVE' | 'CREATE_IN_PROGRESS' | 'CREATE_FAILED' | 'DELETE_IN_PROGRESS';
}

/** An EC2 instance: its state and the name of the instance profile it runs with (null: none). */
export interface FakeInstance {
  id: string;
  state: 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';
  profile: string | null;
}

/** The services whose resources carry a resource policy (resource-policy-public). */
export type FakePolicyService = 'sns' | 'sqs' | 'kms' | 'lambda' | 'secretsmanager' | 'ecr';

export interface FakePolicyResource {
  /** The topic, queue, function, secret or repository name; a key's id. */
  name: string;
  /** The policy document, or null when the resource has none. */
  policy: object | null;
  /** Reading this resource's policy is refused (AccessDenied on one resource). */
  policyDenied?: boolean;
}

/** A CloudTrail trail, as DescribeTrails, GetTrailStatus and GetEventSelectors answer for it. */
export interface FakeTrail {
  name: string;
  homeRegion: string;
  /** The account that owns it: another one for an organization trail seen from a member. */
  ownerId?: string;
  multiRegion: boolean;
  organizationTrail: boolean;
  logFileValidation: boolean;
  logGroupArn: string | null;
  logging: boolean;
  /** GetEventSelectors' answer as the API sends it (EventSelectors or AdvancedEventSelectors). */
  selectors: Record<string, unknown>;
  /** GetTrailStatus and GetEventSelectors refuse this trail alone (AccessDenied on one resource). */
  unreadable: boolean;
}

/** The primary contact (GetContactInformation), with the Account API's field names. */
export type FakePrimaryContact = Partial<
  Record<'FullName' | 'AddressLine1' | 'City' | 'PostalCode' | 'CountryCode' | 'PhoneNumber', string>
>;

export interface FakeContact {
  name: string;
  email: string;
  phone: string;
  title: string;
}

// ---------- AWS Organizations ----------

export type FakeAccountState = 'ACTIVE' | 'SUSPENDED' | 'CLOSED' | 'PENDING_ACTIVATION' | 'PENDING_CLOSURE';

export interface FakeOrganizationAccount {
  id: string;
  name: string;
  state: FakeAccountState;
  /** The root or OU the account sits in. */
  parentId: string;
  /** Only the older `Status` field is sent (as before `State` existed); ListAccounts readers fall back to it. */
  statusOnly: boolean;
}

export interface FakeOrganizationalUnit {
  id: string;
  name: string;
  parentId: string;
}

export interface FakeServiceControlPolicy {
  id: string;
  name: string;
  /** FullAWSAccess is the only AWS managed SCP. */
  awsManaged: boolean;
  document: JsonDocument;
  /** Roots, OUs and accounts it is attached to. */
  targetIds: string[];
}

export interface FakeOrganization {
  id: string;
  managementAccountId: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  rootId: string;
  accounts: FakeOrganizationAccount[];
  units: FakeOrganizationalUnit[];
  policies: FakeServiceControlPolicy[];
  /** IAM centralized root access features (ListOrganizationsFeatures). */
  enabledFeatures: string[];
  /** Delegated administrators: member account id -> the service principals it administers. */
  delegatedAdministrators: Record<string, string[]>;
  /** The accounts whose contents the fake knows, reachable with sts:AssumeRole, by id. */
  members: Map<string, FakeAccount>;
  /** Accounts per ListAccounts page (AWS allows at most 20). */
  listAccountsPageSize: number;
  /** Each page of ListAccounts is preceded by an empty page that still carries a NextToken. */
  emptyPages: boolean;
}

export interface FakeOrigin {
  id: string;
  domainName: string;
  /** S3OriginConfig (a bucket's REST endpoint) rather than CustomOriginConfig. */
  s3: boolean;
  originAccessControlId: string;
  /** `origin-access-identity/cloudfront/E...`, or '' (the API sends an empty element). */
  originAccessIdentity: string;
}

export interface FakeCacheBehavior {
  /** null: the default cache behaviour. */
  pathPattern: string | null;
  viewerProtocolPolicy: 'allow-all' | 'redirect-to-https' | 'https-only';
  realtimeLogConfigArn: string | null;
}

/** A CloudFront distribution (global; the API answers in us-east-1). */
export interface FakeDistribution {
  id: string;
  domainName: string;
  aliases: string[];
  origins: FakeOrigin[];
  behaviors: FakeCacheBehavior[];
  /** Standard logging (legacy) to this bucket; null = off. */
  logBucket: string | null;
  /** GetDistribution of this distribution is refused (AccessDenied on one resource). */
  readDenied: boolean;
}

/** A domain registered with Route 53 (Route 53 Domains, us-east-1). */
export interface FakeRegisteredDomain {
  name: string;
  autoRenew: boolean;
  transferLock: boolean;
  expiry: Date;
  /** ListDomains leaves out AutoRenew and TransferLock, so only GetDomainDetail tells them. */
  listOmitsSettings: boolean;
  /** GetDomainDetail of this domain is refused (AccessDenied on one resource). */
  detailDenied: boolean;
}

/** S3 Block Public Access settings, as S3 and S3 Control name them. */
export interface FakePublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export const ALL_PUBLIC_ACCESS_BLOCKED: FakePublicAccessBlock = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

export interface FakeBucketGrant {
  type: 'Group' | 'CanonicalUser';
  /** A group grantee's URI. */
  uri?: string;
  permission: 'READ' | 'WRITE' | 'READ_ACP' | 'WRITE_ACP' | 'FULL_CONTROL';
}

export const ALL_USERS_URI = 'http://acs.amazonaws.com/groups/global/AllUsers';

export interface FakeBucket {
  name: string;
  region: string;
  created: Date;
  /** null = none (GetBucketPolicy and GetBucketPolicyStatus: NoSuchBucketPolicy). */
  policy: JsonDocument | null;
  /**
   * What GetBucketPolicyStatus answers. AWS judges the policy itself; the fake does not, so a test
   * sets the verdict it needs along with the policy.
   */
  policyIsPublic: boolean;
  aclGrants: FakeBucketGrant[];
  /** null = none set (GetPublicAccessBlock: NoSuchPublicAccessBlockConfiguration). */
  publicAccessBlock: FakePublicAccessBlock | null;
  logging: { targetBucket: string; targetPrefix: string } | null;
  /** Whether static website hosting is on (GetBucketWebsite answers NoSuchWebsiteConfiguration otherwise). */
  website: boolean;
  /** Actions the bucket refuses the caller (as a bucket policy's Deny would): `s3:GetBucketAcl`. */
  denies: string[];
  /** What GetBucketLocation answers when not the region itself: `EU` for old eu-west-1 buckets. */
  locationConstraint?: string;
}

export interface FakeS3 {
  /** null = never set (S3 Control GetPublicAccessBlock: NoSuchPublicAccessBlockConfiguration). */
  accountPublicAccessBlock: FakePublicAccessBlock | null;
  buckets: FakeBucket[];
  /** The most buckets one ListBuckets page holds, whatever MaxBuckets asks (AWS may answer fewer). */
  listPageSize?: number;
  /**
   * false: ListBuckets never names a bucket's region, as an S3-compatible endpoint (or S3 asked
   * without any parameter) answers. By default it does whenever the request has a parameter.
   */
  listsBucketRegions?: boolean;
}

/** A private bucket with the owner's full control only, new buckets' defaults (Block Public Access on). */
export function fakeBucket(name: string, overrides: Partial<FakeBucket> = {}): FakeBucket {
  return {
    name,
    region: 'eu-west-1',
    created: daysBefore(400),
    policy: null,
    policyIsPublic: false,
    aclGrants: [{ type: 'CanonicalUser', permission: 'FULL_CONTROL' }],
    publicAccessBlock: ALL_PUBLIC_ACCESS_BLOCKED,
    logging: null,
    website: false,
    denies: [],
    ...overrides,
  };
}

export interface FakeAccount {
  id: string;
  partition: string;
  alias: string | null;
  created: Date;
  /** ARN of the identity whose long-term keys the tests use (GetCallerIdentity answers with it). */
  callerArn: string;
  root: FakeRoot;
  users: FakeUser[];
  groups: FakeGroup[];
  roles: FakeRole[];
  policies: FakeManagedPolicy[];
  serverCertificates: FakeServerCertificate[];
  /** Virtual MFA devices created but not assigned to anyone (names). */
  unassignedMfaDevices: string[];
  passwordPolicy: FakePasswordPolicy | null;
  credentialReport: FakeCredentialReport;
  regions: FakeRegion[];
  /** Regional services by region name; a region missing here has nothing in it. */
  regional: Record<string, FakeRegionServices>;
  /** The SECURITY alternate contact; null = none set (GetAlternateContact: ResourceNotFoundException). */
  securityContact: FakeContact | null;
  /** IAM SAML identity providers, by name. */
  samlProviders: string[];
  /** IAM OIDC identity providers, by issuer URL without its scheme (`token.actions.githubusercontent.com`). */
  oidcProviders: string[];
  /** The primary contact; null = none set (GetContactInformation: ResourceNotFoundException). */
  primaryContact: FakePrimaryContact | null;
  /** CloudTrail trails, each answering in its home region and, when multi-region, everywhere. */
  trails: FakeTrail[];
  /** null = standalone (Organizations: AWSOrganizationsNotInUseException). */
  organization: FakeOrganization | null;
  registeredDomains: FakeRegisteredDomain[];
  distributions: FakeDistribution[];
  s3: FakeS3;
}

/** A deterministic IAM-style unique id (`AIDA` + 17 characters) derived from a name. */
export function fakeId(prefix: string, name: string): string {
  return prefix + createHash('sha256').update(name).digest('hex').slice(0, 17).toUpperCase();
}

export function allowDocument(actions: string[], resources: string[] = ['*']): JsonDocument {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resources }] };
}

export function trustDocument(principal: Record<string, string | string[]> | '*'): JsonDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }],
  };
}

let accessKeyCount = 0;

export function fakeAccessKey(overrides: Partial<FakeAccessKey> = {}): FakeAccessKey {
  accessKeyCount += 1;
  return {
    id: `AKIAFAKE${String(accessKeyCount).padStart(12, '0')}`,
    status: 'Active',
    created: daysBefore(30),
    lastUsed: null,
    ...overrides,
  };
}

export function fakePassword(overrides: Partial<FakePassword> = {}): FakePassword {
  return { lastChanged: daysBefore(60), lastUsed: daysBefore(1), ...overrides };
}

export function fakeUser(name: string, overrides: Partial<FakeUser> = {}): FakeUser {
  return {
    name,
    id: fakeId('AIDA', name),
    path: '/',
    created: daysBefore(400),
    password: null,
    accessKeys: [],
    mfa: 'none',
    mfaDeviceName: name,
    groups: [],
    inlinePolicies: {},
    attachedPolicyArns: [],
    permissionsBoundaryArn: null,
    tags: [],
    ...overrides,
  };
}

export function fakeGroup(name: string, overrides: Partial<FakeGroup> = {}): FakeGroup {
  return {
    name,
    id: fakeId('AGPA', name),
    path: '/',
    created: daysBefore(500),
    inlinePolicies: {},
    attachedPolicyArns: [],
    ...overrides,
  };
}

export function fakeRole(name: string, overrides: Partial<FakeRole> = {}): FakeRole {
  return {
    name,
    id: fakeId('AROA', name),
    path: '/',
    created: daysBefore(300),
    trustPolicy: trustDocument({ Service: 'ec2.amazonaws.com' }),
    inlinePolicies: {},
    attachedPolicyArns: [],
    permissionsBoundaryArn: null,
    tags: [],
    lastUsed: null,
    instanceProfileNames: [],
    sessionSeconds: 3600,
    ...overrides,
  };
}

/** A managed policy with one (default) version. */
export function fakeManagedPolicy(
  name: string,
  document: JsonDocument,
  overrides: Partial<FakeManagedPolicy> = {},
): FakeManagedPolicy {
  const created = overrides.created ?? daysBefore(200);
  return {
    name,
    id: fakeId('ANPA', name),
    path: '/',
    awsManaged: false,
    description: null,
    created,
    updated: created,
    versions: [{ versionId: 'v1', document, isDefault: true, created }],
    ...overrides,
  };
}

export function fakeServerCertificate(
  name: string,
  overrides: Partial<FakeServerCertificate> = {},
): FakeServerCertificate {
  return {
    name,
    id: fakeId('ASCA', name),
    path: '/',
    uploaded: daysBefore(400),
    expiration: daysBefore(-35),
    ...overrides,
  };
}

function credentialReportState(overrides: Partial<FakeCredentialReport> = {}): FakeCredentialReport {
  return {
    status: 'none',
    generateCallsToComplete: 2,
    neverCompletes: false,
    generateCalls: 0,
    beforeGet: [],
    generatedTime: FAKE_NOW,
    ...overrides,
  };
}

/** A new account's regions, by partition: those on by default, and in aws one opt-in region left off. */
const DEFAULT_REGIONS: Record<string, FakeRegion[]> = {
  aws: [
    { name: 'af-south-1', optStatus: 'DISABLED' },
    { name: 'eu-west-1', optStatus: 'ENABLED_BY_DEFAULT' },
    { name: 'us-east-1', optStatus: 'ENABLED_BY_DEFAULT' },
  ],
  'aws-us-gov': [
    { name: 'us-gov-east-1', optStatus: 'ENABLED_BY_DEFAULT' },
    { name: 'us-gov-west-1', optStatus: 'ENABLED_BY_DEFAULT' },
  ],
  'aws-cn': [
    { name: 'cn-north-1', optStatus: 'ENABLED_BY_DEFAULT' },
    { name: 'cn-northwest-1', optStatus: 'ENABLED_BY_DEFAULT' },
  ],
};

export function isRegionEnabled(region: FakeRegion): boolean {
  return region.optStatus === 'ENABLED' || region.optStatus === 'ENABLED_BY_DEFAULT';
}

/** A recorder of every supported resource type (not the global IAM ones), recording, last status SUCCESS. */
export function fakeConfigRecorder(overrides: Partial<FakeConfigRecorder> = {}): FakeConfigRecorder {
  return {
    name: 'default',
    allSupported: true,
    includeGlobalResourceTypes: false,
    resourceTypes: [],
    recording: true,
    lastStatus: 'SUCCESS',
    lastErrorCode: null,
    ...overrides,
  };
}

/** An alarm on AWS/Billing EstimatedCharges that notifies an SNS topic. */
export function fakeBillingAlarm(
  account: Pick<FakeAccount, 'id' | 'partition'>,
  overrides: Partial<FakeAlarm> = {},
): FakeAlarm {
  return {
    name: 'monthly-spend',
    namespace: 'AWS/Billing',
    metricName: 'EstimatedCharges',
    asMetricMath: false,
    actionsEnabled: true,
    actions: [`arn:${account.partition}:sns:us-east-1:${account.id}:billing-alerts`],
    state: 'OK',
    ...overrides,
  };
}

/** The log group the well-kept account's trail delivers to, in the trail's home region. */
export const TRAIL_LOG_GROUP = 'management-events';
const ROOT_USAGE_TOPIC = 'security-alerts';

function topicArn(account: Pick<FakeAccount, 'id' | 'partition'>, region: string, name: string): string {
  return `arn:${account.partition}:sns:${region}:${account.id}:${name}`;
}

/** The CIS root-usage metric filter on the trail's log group. */
export function fakeRootUsageFilter(overrides: Partial<FakeMetricFilter> = {}): FakeMetricFilter {
  return {
    name: 'root-usage',
    logGroupName: TRAIL_LOG_GROUP,
    pattern:
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    namespace: 'CISBenchmark',
    metricName: 'RootUsage',
    ...overrides,
  };
}

/** An alarm on the root-usage metric, notifying the security topic. */
export function fakeRootUsageAlarm(
  account: Pick<FakeAccount, 'id' | 'partition'>,
  region: string,
  overrides: Partial<FakeAlarm> = {},
): FakeAlarm {
  return {
    name: 'root-usage',
    namespace: 'CISBenchmark',
    metricName: 'RootUsage',
    asMetricMath: false,
    actionsEnabled: true,
    actions: [topicArn(account, region, ROOT_USAGE_TOPIC)],
    state: 'OK',
    ...overrides,
  };
}

/** One region of a well-kept account: a recorder, a healthy delivery channel, an account analyzer. */
export function fakeRegionServices(overrides: Partial<FakeRegionServices> = {}): FakeRegionServices {
  return {
    configRecorders: [fakeConfigRecorder()],
    deliveryChannels: [{ name: 'default', lastStatus: 'SUCCESS', lastErrorCode: null }],
    analyzers: [{ name: 'account-analyzer', type: 'ACCOUNT', status: 'ACTIVE' }],
    alarms: [],
    metricFilters: [],
    topics: [],
    ...overrides,
  };
}

/**
 * Config and Access Analyzer in every enabled region, global IAM resources recorded in the first
 * one, and (in the aws partition) a billing alarm in us-east-1, where billing metrics live.
 */
function wellKeptRegional(
  account: Pick<FakeAccount, 'id' | 'partition' | 'regions'>,
): Record<string, FakeRegionServices> {
  const enabled = account.regions.filter(isRegionEnabled).map((region) => region.name);
  return Object.fromEntries(
    enabled.map((name, index) => [
      name,
      fakeRegionServices({
        configRecorders: [fakeConfigRecorder({ includeGlobalResourceTypes: index === 0 })],
        alarms: [
          ...(account.partition === 'aws' && name === 'us-east-1' ? [fakeBillingAlarm(account)] : []),
          ...(index === 0 ? [fakeRootUsageAlarm(account, name)] : []),
        ],
        ...(index === 0 && {
          instances: [
            { id: 'i-0a1b2c3d4e5f60001', state: 'running', profile: 'app-server' },
            // Stopped, it holds no credentials: never judged, and not asked for.
            { id: 'i-0a1b2c3d4e5f60002', state: 'stopped', profile: null },
          ],
          policyResources: ownAccountPolicyResources(account),
          metricFilters: [fakeRootUsageFilter()],
          topics: [
            {
              name: ROOT_USAGE_TOPIC,
              subscriptionArns: [`${topicArn(account, name, ROOT_USAGE_TOPIC)}:1`],
              denied: false,
            },
          ],
        }),
      }),
    ]),
  );
}

/** A multi-region trail recording every management event, with log file validation. */
export function fakeTrail(overrides: Partial<FakeTrail> = {}): FakeTrail {
  return {
    name: 'management-events',
    homeRegion: 'us-east-1',
    multiRegion: true,
    organizationTrail: false,
    logFileValidation: true,
    logGroupArn: null,
    logging: true,
    selectors: { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] },
    unreadable: false,
    ...overrides,
  };
}

/**
 * One resource of each resource-policy service, open only to the account itself (the default a
 * topic or key is created with); a function and a repository nobody was given access to have none.
 */
function ownAccountPolicyResources(
  account: Pick<FakeAccount, 'id' | 'partition'>,
): Partial<Record<FakePolicyService, FakePolicyResource[]>> {
  const ownAccount = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:${account.partition}:iam::${account.id}:root` },
        Action: '*',
        Resource: '*',
      },
    ],
  };
  return {
    sns: [{ name: 'alerts', policy: ownAccount }],
    sqs: [{ name: 'jobs', policy: null }],
    kms: [{ name: '1234abcd-12ab-34cd-56ef-1234567890ab', policy: ownAccount }],
    lambda: [{ name: 'nightly-report', policy: null }],
    secretsmanager: [{ name: 'db-password', policy: ownAccount }],
    ecr: [{ name: 'app', policy: null }],
  };
}

export const DEFAULT_ROOT_ID = 'r-a1b2';

/** The member account a well-kept organization delegates its security services to. */
export const SECURITY_TOOLING_ACCOUNT_ID = '111122223333';
export const SECURITY_SERVICE_PRINCIPALS = [
  'access-analyzer.amazonaws.com',
  'cloudtrail.amazonaws.com',
  'config.amazonaws.com',
  'guardduty.amazonaws.com',
  'securityhub.amazonaws.com',
];

export function fakeOrganization(overrides: Partial<FakeOrganization> = {}): FakeOrganization {
  const rootId = overrides.rootId ?? DEFAULT_ROOT_ID;
  return {
    id: 'o-a1b2c3d4e5',
    managementAccountId: DEFAULT_ACCOUNT_ID,
    featureSet: 'ALL',
    rootId,
    accounts: [],
    units: [],
    policies: [fullAwsAccess([rootId])],
    enabledFeatures: ['RootCredentialsManagement', 'RootSessions'],
    delegatedAdministrators: { [SECURITY_TOOLING_ACCOUNT_ID]: [...SECURITY_SERVICE_PRINCIPALS] },
    members: new Map(),
    listAccountsPageSize: 20,
    emptyPages: false,
    ...overrides,
  };
}

/** The AWS managed SCP every organization starts with, attached to `targetIds`. */
export function fullAwsAccess(targetIds: string[]): FakeServiceControlPolicy {
  return {
    id: 'p-FullAWSAccess',
    name: 'FullAWSAccess',
    awsManaged: true,
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    targetIds,
  };
}

/** A guard rail: member accounts may not leave the organization. */
export function denyLeavingScp(targetIds: string[]): FakeServiceControlPolicy {
  return {
    id: 'p-denyleave',
    name: 'DenyLeavingOrganization',
    awsManaged: false,
    document: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
    },
    targetIds,
  };
}

export function organizationAccount(
  id: string,
  overrides: Partial<FakeOrganizationAccount> = {},
): FakeOrganizationAccount {
  return {
    id,
    name: `account-${id}`,
    state: 'ACTIVE',
    parentId: DEFAULT_ROOT_ID,
    statusOnly: false,
    ...overrides,
  };
}

/**
 * An organization of one, managed by `accountId`, with a guard rail on its root and centralized
 * root access: the account answers every guard-rail call, and none of their rules fires.
 */
export function ownOrganization(accountId: string): FakeOrganization {
  return fakeOrganization({
    managementAccountId: accountId,
    accounts: [organizationAccount(accountId, { name: 'management' })],
    policies: [fullAwsAccess([DEFAULT_ROOT_ID, accountId]), denyLeavingScp([DEFAULT_ROOT_ID])],
  });
}

export interface FakeAccountInit extends Partial<
  Omit<FakeAccount, 'credentialReport' | 'root' | 'organization'>
> {
  root?: Partial<FakeRoot>;
  credentialReport?: Partial<FakeCredentialReport>;
  /** Default: the management account of its own organization (ownOrganization). null: standalone. */
  organization?: FakeOrganization | null;
}

/**
 * A well-kept account unless overridden: root with hardware MFA and no keys, a strong password
 * policy, the management account of an organization with SCP guard rails and centralized root
 * access, Config and Access Analyzer in every enabled region, a security contact, a billing alarm
 * and a multi-region trail with log file validation in its first enabled region, delivering to a
 * log group whose root-usage metric filter has an alarm notifying a topic with a confirmed subscription.
 */
export function fakeAccount(init: FakeAccountInit = {}): FakeAccount {
  const id = init.id ?? DEFAULT_ACCOUNT_ID;
  const partition = init.partition ?? 'aws';
  const regions = init.regions ?? DEFAULT_REGIONS[partition] ?? [];
  return {
    alias: null,
    created: daysBefore(2000),
    callerArn: `arn:${partition}:iam::${id}:user/auditor`,
    users: [],
    groups: [],
    roles: [],
    policies: [],
    serverCertificates: [],
    unassignedMfaDevices: [],
    registeredDomains: [],
    distributions: [],
    samlProviders: [],
    oidcProviders: [],
    passwordPolicy: {
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      ExpirePasswords: false,
      PasswordReusePrevention: 24,
    },
    regional: wellKeptRegional({ id, partition, regions }),
    securityContact: {
      name: 'Security Team',
      email: 'security@example.com',
      phone: '+1-555-0100',
      title: 'Security',
    },
    primaryContact: {
      FullName: 'Cloud Team',
      AddressLine1: '1 Main Street',
      City: 'Seattle',
      PostalCode: '98101',
      CountryCode: 'US',
      PhoneNumber: '+1-555-0100',
    },
    trails: regions
      .filter(isRegionEnabled)
      .slice(0, 1)
      .map((home) =>
        fakeTrail({
          homeRegion: home.name,
          logGroupArn: `arn:${partition}:logs:${home.name}:${id}:log-group:${TRAIL_LOG_GROUP}:*`,
        }),
      ),
    s3: { accountPublicAccessBlock: ALL_PUBLIC_ACCESS_BLOCKED, buckets: [] },
    ...init,
    id,
    partition,
    regions,
    organization: init.organization === undefined ? ownOrganization(id) : init.organization,
    root: {
      password: fakePassword({ lastChanged: daysBefore(900), lastUsed: daysBefore(200) }),
      mfa: 'hardware',
      accessKeys: [],
      ...init.root,
    },
    credentialReport: credentialReportState(init.credentialReport),
  };
}

/** A distribution in front of one S3 bucket, well kept unless overridden: OAC, HTTPS, logs. */
export function fakeDistribution(id: string, overrides: Partial<FakeDistribution> = {}): FakeDistribution {
  return {
    id,
    domainName: `${id.toLowerCase()}.cloudfront.net`,
    aliases: [],
    origins: [
      {
        id: 'site',
        domainName: 'site-bucket.s3.us-east-1.amazonaws.com',
        s3: true,
        originAccessControlId: 'E2OACEXAMPLE01',
        originAccessIdentity: '',
      },
    ],
    behaviors: [{ pathPattern: null, viewerProtocolPolicy: 'redirect-to-https', realtimeLogConfigArn: null }],
    logBucket: 'logs-bucket.s3.amazonaws.com',
    readDenied: false,
    ...overrides,
  };
}

export function fakeRegisteredDomain(
  name: string,
  overrides: Partial<FakeRegisteredDomain> = {},
): FakeRegisteredDomain {
  return {
    name,
    autoRenew: true,
    transferLock: true,
    expiry: daysBefore(-200),
    listOmitsSettings: false,
    detailDenied: false,
    ...overrides,
  };
}

// ---------- ARNs, derived the way IAM builds them ----------

export function iamArn(account: FakeAccount, resource: string): string {
  return `arn:${account.partition}:iam::${account.id}:${resource}`;
}

/** `user/`, `role/`... + path + name: a path of `/eng/` gives `user/eng/alice`. */
export function pathArn(account: FakeAccount, kind: string, path: string, name: string): string {
  return iamArn(account, `${kind}${path}${name}`);
}

export function userArn(account: FakeAccount, user: FakeUser): string {
  return pathArn(account, 'user', user.path, user.name);
}

export function managedPolicyArn(account: FakeAccount, policy: FakeManagedPolicy): string {
  const owner = policy.awsManaged ? 'aws' : account.id;
  return `arn:${account.partition}:iam::${owner}:policy${policy.path}${policy.name}`;
}

export function mfaSerial(account: FakeAccount, deviceName: string): string {
  return iamArn(account, `mfa/${deviceName}`);
}

/** Name of root's virtual MFA device when root uses one (any name works since multi-MFA; this is the classic one). */
export const ROOT_VIRTUAL_MFA_NAME = 'root-account-mfa-device';
