// Every data section, in snapshot order: THE list. The snapshot's sections schema and section
// names (snapshot/schema.ts), the live collectors (collect/index.ts), the read-only allow list and
// `iamspect permissions` (collect/read-operations.ts), what a rule selection collects
// (collect/selection.ts) and the AWS CLI reader (snapshot/aws-cli.ts) are all derived from it.
// Adding a section: see "Adding a data section" in docs/architecture.md.
import { accessAnalyzersSection } from './access-analyzers.js';
import { accountSummarySection } from './account-summary.js';
import { alternateContactsSection } from './alternate-contacts.js';
import { authorizationDetailsSection } from './authorization-details.js';
import { billingAlarmsSection } from './billing-alarms.js';
import { cloudFormationSection } from './cloud-formation.js';
import { cloudTrailsSection } from './cloud-trails.js';
import { cloudFrontDistributionsSection } from './cloudfront-distributions.js';
import { configDeliveryStatusSection } from './config-delivery-status.js';
import { configRecordersSection } from './config-recorders.js';
import { contactInformationSection } from './contact-information.js';
import { credentialReportSection } from './credential-report.js';
import { delegatedAdministratorsSection } from './delegated-administrators.js';
import { ec2InstancesSection } from './ec2-instances.js';
import { identityCenterInstancesSection } from './identity-center-instances.js';
import { oidcProvidersSection, samlProvidersSection } from './identity-providers.js';
import { logMetricAlarmsSection } from './log-metric-alarms.js';
import { organizationSection } from './organization.js';
import { organizationFeaturesSection } from './organization-features.js';
import { passwordPolicySection } from './password-policy.js';
import { regionsSection } from './regions.js';
import { route53DomainsSection } from './route53-domains.js';
import { s3AccountPublicAccessBlockSection } from './s3-account-public-access-block.js';
import { s3BucketsSection } from './s3-buckets.js';
import { serverCertificatesSection } from './server-certificates.js';
import { serviceControlPoliciesSection } from './service-control-policies.js';
import { virtualMfaDevicesSection } from './virtual-mfa-devices.js';
import { ecrRepositoriesSection } from './ecr-repositories.js';
import { kmsKeysSection } from './kms-keys.js';
import { lambdaFunctionsSection } from './lambda-functions.js';
import { secretsSection } from './secrets.js';
import { snsTopicsSection } from './sns-topics.js';
import { sqsQueuesSection } from './sqs-queues.js';

export const SECTIONS = [
  credentialReportSection,
  accountSummarySection,
  passwordPolicySection,
  authorizationDetailsSection,
  virtualMfaDevicesSection,
  serverCertificatesSection,
  organizationSection,
  organizationFeaturesSection,
  serviceControlPoliciesSection,
  regionsSection,
  configRecordersSection,
  configDeliveryStatusSection,
  accessAnalyzersSection,
  alternateContactsSection,
  contactInformationSection,
  samlProvidersSection,
  oidcProvidersSection,
  identityCenterInstancesSection,
  delegatedAdministratorsSection,
  billingAlarmsSection,
  cloudTrailsSection,
  logMetricAlarmsSection,
  cloudFormationSection,
  cloudFrontDistributionsSection,
  route53DomainsSection,
  snsTopicsSection,
  sqsQueuesSection,
  kmsKeysSection,
  lambdaFunctionsSection,
  secretsSection,
  ecrRepositoriesSection,
  s3AccountPublicAccessBlockSection,
  s3BucketsSection,
  ec2InstancesSection,
] as const;

export type AnySection = (typeof SECTIONS)[number];
