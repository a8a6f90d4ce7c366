// The Snapshot: everything iamspect knows about one account, collected once and evaluated anywhere.
// This zod schema is the single source of the snapshot's TypeScript types and of its validation
// when a snapshot file is read back. Collectors and readers normalise AWS's many shapes into it, so
// rules never see URL-encoded documents, credential-report tokens or string booleans.
//
// Each section's data schema lives in its section module (src/sections/), and the sections schema
// here is made from their list. The types of the sections' data are re-exported below, so rules,
// policy analysis and reports take the snapshot's whole vocabulary from this one module.
import { z } from 'zod';
import type { AnySection } from '../sections/index.js';
import { SECTIONS } from '../sections/index.js';
import { isoDate } from './schema-parts.js';

export * from './schema-parts.js';
export { sourceLocationSchema } from '../sections/cloud-formation.js';
export type { AccessAnalyzerRegion } from '../sections/access-analyzers.js';
export type { AccountSummary } from '../sections/account-summary.js';
export type { AlternateContacts } from '../sections/alternate-contacts.js';
export type {
  AttachedPolicy,
  AuthorizationDetails,
  GroupDetail,
  InlinePolicy,
  ManagedPolicy,
  PolicyVersion,
  RoleDetail,
  UserDetail,
} from '../sections/authorization-details.js';
export type { BillingAlarm } from '../sections/billing-alarms.js';
export type { Trail, TrailEventSelectors, TrailFieldSelector } from '../sections/cloud-trails.js';
export type { LogMetricRegion, MetricId } from '../sections/log-metric-alarms.js';
export type {
  CloudFormationData,
  CloudFormationTemplate,
  SourceLocation,
  TemplatePasswordSource,
} from '../sections/cloud-formation.js';
export type { Distribution } from '../sections/cloudfront-distributions.js';
export type { ConfigDeliveryRegion } from '../sections/config-delivery-status.js';
export type { ConfigRegion } from '../sections/config-recorders.js';
export type { Ec2InstancesRegion } from '../sections/ec2-instances.js';
export type { ContactInformation, PrimaryContact } from '../sections/contact-information.js';
export type { IdentityProvider } from '../sections/identity-providers.js';
export type { IdentityCenterRegion } from '../sections/identity-center-instances.js';
export type { DelegatedAdministrator } from '../sections/delegated-administrators.js';
export type {
  AccessKeyColumns,
  CredentialReport,
  CredentialReportRow,
} from '../sections/credential-report.js';
export type { Organization } from '../sections/organization.js';
export type { ResourcePolicyRegion } from '../sections/resource-policy-parts.js';
export type { OrganizationFeatures } from '../sections/organization-features.js';
export type { PasswordPolicy } from '../sections/password-policy.js';
export type { Region } from '../sections/regions.js';
export type { RegisteredDomain } from '../sections/route53-domains.js';
export type { PublicAccessBlock } from '../sections/s3-account-public-access-block.js';
export type { Bucket, BucketGrant, BucketPart } from '../sections/s3-buckets.js';
export type { ServerCertificate } from '../sections/server-certificates.js';
export type { ServiceControlPolicies, ServiceControlPolicy } from '../sections/service-control-policies.js';
export type { VirtualMfaDevice } from '../sections/virtual-mfa-devices.js';

/** Bump when a snapshot written by this version could not be read correctly by an older one. */
export const SNAPSHOT_SCHEMA_VERSION = 1;

// ---------- sections ----------

export type SectionName = AnySection['name'];
// A non-empty tuple, as z.enum wants it (SECTIONS is never empty).
export const SECTION_NAMES = SECTIONS.map((definition) => definition.name) as unknown as readonly [
  SectionName,
  ...SectionName[],
];

type SectionSchemas = { [D in AnySection as D['name']]: D['schema'] };

export const sectionsSchema = z
  .object(
    Object.fromEntries(SECTIONS.map((definition) => [definition.name, definition.schema])) as SectionSchemas,
  )
  .partial()
  .strict();
export type Sections = z.infer<typeof sectionsSchema>;
// Exclude, not NonNullable: a section's data may legitimately be null (no password policy, no organization).
export type SectionData<N extends SectionName> = Exclude<NonNullable<Sections[N]>['data'], undefined>;
export type Section<N extends SectionName> = NonNullable<Sections[N]>;

export const SOURCE_KINDS = ['live', 'snapshot', 'aws-cli', 'demo', 'template'] as const;

export const snapshotSchema = z
  .object({
    schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
    tool: z.object({ name: z.string(), version: z.string() }),
    collectedAt: isoDate,
    partition: z.string(),
    accountId: z.string(),
    accountAlias: z.string().nullable().optional(),
    callerArn: z.string().nullable().optional(),
    source: z.object({
      kind: z.enum(SOURCE_KINDS),
      path: z.string().optional(),
      /** Where collectedAt came from when the source holds no collection time (AWS CLI outputs). */
      collectedAtFrom: z.string().optional(),
    }),
    sections: sectionsSchema,
  })
  .strict();
export type Snapshot = z.infer<typeof snapshotSchema>;
