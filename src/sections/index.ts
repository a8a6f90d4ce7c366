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
import { credentialReportSection } from './credential-report.js';
import { logMetricAlarmsSection } from './log-metric-alarms.js';
import { organizationSection } from './organization.js';
import { organizationFeaturesSection } from './organization-features.js';
import { passwordPolicySection } from './password-policy.js';
import { regionsSection } from './regions.js';
import { route53DomainsSection } from './route53-domains.js';
import { serverCertificatesSection } from './server-certificates.js';
import { serviceControlPoliciesSection } from './service-control-policies.js';
import { virtualMfaDevicesSection } from './virtual-mfa-devices.js';

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
  billingAlarmsSection,
  cloudTrailsSection,
  logMetricAlarmsSection,
  cloudFormationSection,
  cloudFrontDistributionsSection,
  route53DomainsSection,
] as const;

export type AnySection = (typeof SECTIONS)[number];
