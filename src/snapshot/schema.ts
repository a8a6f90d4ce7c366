// The Snapshot: everything iamspect knows about one account, collected once and evaluated anywhere.
// This zod schema is the single source of the snapshot's TypeScript types and of its validation
// when a snapshot file is read back. Collectors and readers normalise AWS's many shapes into it, so
// rules never see URL-encoded documents, credential-report tokens or string booleans.
import { z } from 'zod';

/** Bump when a snapshot written by this version could not be read correctly by an older one. */
export const SNAPSHOT_SCHEMA_VERSION = 1;

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'not an ISO 8601 date' });

// ---------- policy documents (already URL-decoded and normalised: every list is an array) ----------

export const principalSchema = z.union([z.literal('*'), z.record(z.string(), z.array(z.string()))]);
export type Principal = z.infer<typeof principalSchema>;

/** Condition block: operator -> key -> values (values always an array of strings). */
export const conditionSchema = z.record(z.string(), z.record(z.string(), z.array(z.string())));
export type ConditionBlock = z.infer<typeof conditionSchema>;

export const statementSchema = z
  .object({
    Sid: z.string().optional(),
    Effect: z.string(),
    Action: z.array(z.string()).optional(),
    NotAction: z.array(z.string()).optional(),
    Resource: z.array(z.string()).optional(),
    NotResource: z.array(z.string()).optional(),
    Principal: principalSchema.optional(),
    NotPrincipal: principalSchema.optional(),
    Condition: conditionSchema.optional(),
  })
  // Unknown keys are kept so policy-invalid can report them.
  .passthrough();
export type Statement = z.infer<typeof statementSchema>;

export const policyDocumentSchema = z
  .object({
    Version: z.string().optional(),
    Id: z.string().optional(),
    Statement: z.array(statementSchema),
    /** Problems found while normalising (a statement that is not an object, a non-string action...). */
    problems: z.array(z.string()).optional(),
    /**
     * Why the document cannot be judged: it could not be decoded at all (URL-encoded twice, not
     * JSON), and its Statement is empty only because nothing could be read; or it lost part of its
     * meaning (a statement, Effect, action, principal or condition that is not valid IAM). Either
     * way what the policy grants or denies is unknown.
     */
    decodeError: z.string().optional(),
  })
  .passthrough();
export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

// ---------- credential report ----------

export const accessKeyColumnsSchema = z.object({
  active: z.boolean(),
  lastRotated: isoDate.nullable(),
  lastUsedDate: isoDate.nullable(),
  lastUsedRegion: z.string().nullable(),
  lastUsedService: z.string().nullable(),
});
export type AccessKeyColumns = z.infer<typeof accessKeyColumnsSchema>;

export const certColumnsSchema = z.object({ active: z.boolean(), lastRotated: isoDate.nullable() });

/**
 * One credential-report row. Special tokens are gone: N/A, no_information and not_supported are null
 * (never a date); `passwordEnabled` is null only for root's `not_supported`.
 */
export const credentialReportRowSchema = z.object({
  user: z.string(),
  arn: z.string(),
  isRoot: z.boolean(),
  userCreationTime: isoDate.nullable(),
  passwordEnabled: z.boolean().nullable(),
  passwordLastUsed: isoDate.nullable(),
  passwordLastChanged: isoDate.nullable(),
  passwordNextRotation: isoDate.nullable(),
  mfaActive: z.boolean(),
  accessKeys: z.tuple([accessKeyColumnsSchema, accessKeyColumnsSchema]),
  certs: z.tuple([certColumnsSchema, certColumnsSchema]),
});
export type CredentialReportRow = z.infer<typeof credentialReportRowSchema>;

export const credentialReportSchema = z.object({
  /** When IAM generated the report (it may be up to 4 hours older than the snapshot). */
  generatedTime: isoDate.nullable(),
  rows: z.array(credentialReportRowSchema),
});
export type CredentialReport = z.infer<typeof credentialReportSchema>;

// ---------- account summary and password policy ----------

/** GetAccountSummary's SummaryMap. A missing key means unknown, not 0. */
export const accountSummarySchema = z.record(z.string(), z.number());
export type AccountSummary = z.infer<typeof accountSummarySchema>;

export const passwordPolicySchema = z.object({
  MinimumPasswordLength: z.number().int().optional(),
  RequireSymbols: z.boolean().optional(),
  RequireNumbers: z.boolean().optional(),
  RequireUppercaseCharacters: z.boolean().optional(),
  RequireLowercaseCharacters: z.boolean().optional(),
  AllowUsersToChangePassword: z.boolean().optional(),
  ExpirePasswords: z.boolean().optional(),
  MaxPasswordAge: z.number().int().optional(),
  PasswordReusePrevention: z.number().int().optional(),
  HardExpiry: z.boolean().optional(),
});
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

// ---------- authorization details ----------

export const inlinePolicySchema = z.object({ name: z.string(), document: policyDocumentSchema });
export type InlinePolicy = z.infer<typeof inlinePolicySchema>;

export const attachedPolicySchema = z.object({ name: z.string(), arn: z.string() });
export type AttachedPolicy = z.infer<typeof attachedPolicySchema>;

const tagsSchema = z.array(z.object({ Key: z.string(), Value: z.string() }));

export const userDetailSchema = z.object({
  name: z.string(),
  id: z.string(),
  arn: z.string(),
  path: z.string(),
  createDate: isoDate.nullable(),
  inlinePolicies: z.array(inlinePolicySchema),
  attachedPolicies: z.array(attachedPolicySchema),
  /** Group names, as GetAccountAuthorizationDetails gives them. */
  groups: z.array(z.string()),
  permissionsBoundaryArn: z.string().nullable(),
  tags: tagsSchema,
});
export type UserDetail = z.infer<typeof userDetailSchema>;

export const groupDetailSchema = z.object({
  name: z.string(),
  id: z.string(),
  arn: z.string(),
  path: z.string(),
  createDate: isoDate.nullable(),
  inlinePolicies: z.array(inlinePolicySchema),
  attachedPolicies: z.array(attachedPolicySchema),
});
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

// ---------- MFA devices and certificates ----------

export const virtualMfaDeviceSchema = z.object({
  serialNumber: z.string(),
  /** ARN of the user (or `arn:...:root`) the device is assigned to; null when unassigned. */
  userArn: z.string().nullable(),
  userName: z.string().nullable(),
  enableDate: isoDate.nullable(),
});
export type VirtualMfaDevice = z.infer<typeof virtualMfaDeviceSchema>;

export const serverCertificateSchema = z.object({
  name: z.string(),
  id: z.string(),
  arn: z.string(),
  path: z.string(),
  uploadDate: isoDate.nullable(),
  expiration: isoDate.nullable(),
});
export type ServerCertificate = z.infer<typeof serverCertificateSchema>;

// ---------- organization and guard rails ----------

/** null data = the account is not in an organization (AWSOrganizationsNotInUseException). */
export const organizationSchema = z.object({
  id: z.string(),
  arn: z.string(),
  featureSet: z.string().nullable(),
  managementAccountId: z.string(),
  managementAccountArn: z.string().nullable(),
});
export type Organization = z.infer<typeof organizationSchema>;

export const organizationFeaturesSchema = z.object({
  organizationId: z.string().nullable(),
  enabledFeatures: z.array(z.string()),
});
export type OrganizationFeatures = z.infer<typeof organizationFeaturesSchema>;

export const scpSchema = z.object({
  id: z.string(),
  arn: z.string(),
  name: z.string(),
  awsManaged: z.boolean(),
  document: policyDocumentSchema.nullable(),
  /** Ids of the roots, OUs and accounts the policy is attached to. */
  targetIds: z.array(z.string()),
});
export type ServiceControlPolicy = z.infer<typeof scpSchema>;

export const serviceControlPoliciesSchema = z.object({
  policies: z.array(scpSchema),
  /**
   * For the audited account: the chain root -> OUs -> account (ids). SCPs bind at every level,
   * so effective permissions intersect the SCPs attached at each level of this chain.
   */
  accountPath: z.array(
    z.object({ id: z.string(), type: z.enum(['ROOT', 'ORGANIZATIONAL_UNIT', 'ACCOUNT']) }),
  ),
});
export type ServiceControlPolicies = z.infer<typeof serviceControlPoliciesSchema>;

export const regionSchema = z.object({
  name: z.string(),
  optStatus: z.string(),
  enabled: z.boolean(),
  /** Enabled, but --regions left it out of the regional sections: rules judge the others only. */
  leftOut: z.boolean().optional(),
});
export type Region = z.infer<typeof regionSchema>;

export const configRegionSchema = z.object({
  region: z.string(),
  recorders: z.array(
    z.object({
      name: z.string(),
      roleArn: z.string().nullable(),
      allSupported: z.boolean().nullable(),
      includeGlobalResourceTypes: z.boolean().nullable(),
      recordingStrategy: z.string().nullable(),
      resourceTypes: z.array(z.string()),
      servicePrincipal: z.string().nullable(),
    }),
  ),
  statuses: z.array(
    z.object({
      name: z.string(),
      recording: z.boolean(),
      lastStatus: z.string().nullable(),
      lastErrorCode: z.string().nullable(),
      lastErrorMessage: z.string().nullable(),
      lastStatusChangeTime: isoDate.nullable(),
    }),
  ),
});
export type ConfigRegion = z.infer<typeof configRegionSchema>;

/**
 * How the delivery channels' last deliveries went in one region: a section of its own, because
 * DescribeDeliveryChannelStatus can fail where the recorder calls answer (emulators lack it), and
 * only config-delivery-failing needs it.
 */
export const configDeliveryRegionSchema = z.object({
  region: z.string(),
  deliveryChannels: z.array(
    z.object({
      name: z.string(),
      lastStatus: z.string().nullable(),
      lastErrorCode: z.string().nullable(),
      lastErrorMessage: z.string().nullable(),
      lastAttemptTime: isoDate.nullable(),
    }),
  ),
});
export type ConfigDeliveryRegion = z.infer<typeof configDeliveryRegionSchema>;

export const accessAnalyzerRegionSchema = z.object({
  region: z.string(),
  analyzers: z.array(
    z.object({ name: z.string(), arn: z.string(), type: z.string(), status: z.string().nullable() }),
  ),
});
export type AccessAnalyzerRegion = z.infer<typeof accessAnalyzerRegionSchema>;

export const alternateContactSchema = z.object({
  name: z.string().nullable(),
  emailAddress: z.string().nullable(),
  phoneNumber: z.string().nullable(),
  title: z.string().nullable(),
});
/** `security` null = no SECURITY contact (ResourceNotFoundException is data, not an error). */
export const alternateContactsSchema = z.object({ security: alternateContactSchema.nullable() });
export type AlternateContacts = z.infer<typeof alternateContactsSchema>;

export const billingAlarmSchema = z.object({
  alarmName: z.string(),
  alarmArn: z.string().nullable(),
  namespace: z.string().nullable(),
  metricName: z.string().nullable(),
  actionsEnabled: z.boolean(),
  alarmActions: z.array(z.string()),
  stateValue: z.string().nullable(),
});
export type BillingAlarm = z.infer<typeof billingAlarmSchema>;

// ---------- CloudFormation templates (`iamspect template` only) ----------

/** 1-based line and column in a template; `file` is relative to the working directory, with `/`. */
export const sourceLocationSchema = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
});
/** Where something is written in a source file (a template): 1-based line and column. */
export type SourceLocation = z.infer<typeof sourceLocationSchema>;

/**
 * Where a login profile's password comes from. Only `literal` and `parameter-literal-default`
 * (a parameter's Default, NoEcho or not) put the password in the template; `noecho` is a NoEcho
 * parameter without a Default, `dynamic-reference` a `{{resolve:...}}` (Secrets Manager, SSM),
 * `symbolic` anything else known only at deploy time. The password itself is never stored.
 */
export const TEMPLATE_PASSWORD_SOURCES = [
  'literal',
  'parameter-literal-default',
  'noecho',
  'dynamic-reference',
  'symbolic',
] as const;
export type TemplatePasswordSource = (typeof TEMPLATE_PASSWORD_SOURCES)[number];

export const cloudFormationTemplateSchema = z.object({
  file: z.string(),
  resources: z.array(
    z.object({
      logicalId: z.string(),
      type: z.string(),
      /** Placeholder-account ARN of an IAM principal, managed policy or instance profile, else null. */
      arn: z.string().nullable(),
      location: sourceLocationSchema,
      /** The physical name written in the template (UserName, RoleName...), null when generated. */
      name: z.string().nullable(),
      /** Conditions known only at deploy time its permissions depend on (both branches judged). */
      conditions: z.array(z.string()),
    }),
  ),
  inlinePolicies: z.array(
    z.object({
      principalArn: z.string(),
      policyName: z.string(),
      location: sourceLocationSchema,
      /** Conditions known only at deploy time the policy depends on (both branches judged). */
      conditions: z.array(z.string()),
    }),
  ),
  loginProfiles: z.array(
    z.object({
      userArn: z.string(),
      userName: z.string(),
      passwordSource: z.enum(TEMPLATE_PASSWORD_SOURCES),
      /** The parameter the password is taken from, if any. */
      parameter: z.string().nullable(),
      /** null when it is only known at deploy time. */
      passwordResetRequired: z.boolean().nullable(),
      /** The LoginProfile property. */
      location: sourceLocationSchema,
      /** Where the password is written: the Password property, or the parameter's Default. */
      passwordLocation: sourceLocationSchema,
    }),
  ),
  accessKeys: z.array(
    z.object({
      logicalId: z.string(),
      userArn: z.string(),
      userName: z.string(),
      status: z.string(),
      location: sourceLocationSchema,
    }),
  ),
  /** Outputs whose value contains an access key's SecretAccessKey. */
  secretOutputs: z.array(
    z.object({
      outputName: z.string(),
      accessKeyLogicalId: z.string(),
      /** Export.Name when the output is also exported to other stacks. */
      exportName: z.string().nullable(),
      location: sourceLocationSchema,
    }),
  ),
  /** Managed policies attached to a principal in the template, each where the attachment is written. */
  managedPolicyAttachments: z.array(
    z.object({ principalArn: z.string(), policyArn: z.string(), location: sourceLocationSchema }),
  ),
  /**
   * Users, groups and roles the template attaches policies to without declaring them: what the
   * template grants them is known, the rest of what they have is not. Each is where it is named.
   */
  externalPrincipals: z.array(
    z.object({
      arn: z.string(),
      kind: z.enum(['user', 'group', 'role']),
      name: z.string(),
      location: sourceLocationSchema,
    }),
  ),
});
export type CloudFormationTemplate = z.infer<typeof cloudFormationTemplateSchema>;

export const cloudFormationSchema = z.object({ templates: z.array(cloudFormationTemplateSchema) });
export type CloudFormationData = z.infer<typeof cloudFormationSchema>;

// ---------- sections ----------

export const SECTION_STATUSES = ['ok', 'denied', 'error', 'skipped'] as const;
export type SectionStatus = (typeof SECTION_STATUSES)[number];

export const sectionErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** The refused API action, e.g. `iam:GetAccountAuthorizationDetails`. */
  action: z.string().optional(),
});
export type SectionError = z.infer<typeof sectionErrorSchema>;

function section<T extends z.ZodTypeAny>(data: T) {
  return z.object({
    status: z.enum(SECTION_STATUSES),
    data: data.optional(),
    error: sectionErrorSchema.optional(),
    collectedAt: isoDate.optional(),
  });
}

/** An IAM action, `service:Operation`, as `iamspect permissions` prints it. */
export type ReadAction = `${string}:${string}`;

/**
 * A data section: its name, the schema of its data, and the read operations its live collector
 * calls (none for sections no collector reads, such as cloudFormation).
 */
function defineSection<const N extends string, T extends z.ZodTypeAny, const R extends readonly ReadAction[]>(
  name: N,
  data: T,
  reads: R,
) {
  return { name, schema: section(data), reads };
}

/**
 * Every data section, in snapshot order: the one list the section names, the snapshot's sections
 * schema, the collectors' read-only allow list and `iamspect permissions` are derived from.
 * test/collect/sections.test.ts checks that the collectors are this list, and that each calls
 * exactly the reads named here.
 */
export const SECTIONS = [
  defineSection('credentialReport', credentialReportSchema, [
    'iam:GenerateCredentialReport',
    'iam:GetCredentialReport',
  ]),
  defineSection('accountSummary', accountSummarySchema, ['iam:GetAccountSummary']),
  defineSection('passwordPolicy', passwordPolicySchema.nullable(), ['iam:GetAccountPasswordPolicy']),
  defineSection('authorizationDetails', authorizationDetailsSchema, ['iam:GetAccountAuthorizationDetails']),
  defineSection('virtualMfaDevices', z.array(virtualMfaDeviceSchema), ['iam:ListVirtualMFADevices']),
  defineSection('serverCertificates', z.array(serverCertificateSchema), ['iam:ListServerCertificates']),
  defineSection('organization', organizationSchema.nullable(), ['organizations:DescribeOrganization']),
  defineSection('organizationFeatures', organizationFeaturesSchema, ['iam:ListOrganizationsFeatures']),
  // Answered only in the management account or a delegated administrator (elsewhere refused, and
  // the section says why).
  defineSection('serviceControlPolicies', serviceControlPoliciesSchema, [
    'organizations:DescribePolicy',
    'organizations:ListParents',
    'organizations:ListPolicies',
    'organizations:ListTargetsForPolicy',
  ]),
  // ec2:DescribeRegions only when account:ListRegions is unavailable (denied, or a partition
  // without the Account API).
  defineSection('regions', z.array(regionSchema), ['account:ListRegions', 'ec2:DescribeRegions']),
  defineSection('configRecorders', z.array(configRegionSchema), [
    'config:DescribeConfigurationRecorderStatus',
    'config:DescribeConfigurationRecorders',
  ]),
  defineSection('configDeliveryStatus', z.array(configDeliveryRegionSchema), [
    'config:DescribeDeliveryChannelStatus',
  ]),
  defineSection('accessAnalyzers', z.array(accessAnalyzerRegionSchema), ['access-analyzer:ListAnalyzers']),
  defineSection('alternateContacts', alternateContactsSchema, ['account:GetAlternateContact']),
  defineSection('billingAlarms', z.array(billingAlarmSchema), ['cloudwatch:DescribeAlarms']),
  // Read from templates by `iamspect template`, never collected.
  defineSection('cloudFormation', cloudFormationSchema, []),
] as const;

export type SectionName = (typeof SECTIONS)[number]['name'];
// A non-empty tuple, as z.enum wants it (SECTIONS is never empty).
export const SECTION_NAMES = SECTIONS.map((definition) => definition.name) as unknown as readonly [
  SectionName,
  ...SectionName[],
];

type SectionSchemas = { [D in (typeof SECTIONS)[number] as D['name']]: D['schema'] };

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
