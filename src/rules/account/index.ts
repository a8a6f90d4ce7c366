// Account, organization and detective controls.
import type { AnyRule } from '../types.js';
import { accessAnalyzerDisabled } from './access-analyzer-disabled.js';
import { accountContactIncomplete } from './account-contact-incomplete.js';
import { accountNotInOrganization } from './account-not-in-organization.js';
import { billingAlarmMissing } from './billing-alarm-missing.js';
import { cloudtrailEnabled } from './cloudtrail-enabled.js';
import { cloudtrailLogValidation } from './cloudtrail-log-validation.js';
import { configDeliveryFailing } from './config-delivery-failing.js';
import { configRecorderDisabled } from './config-recorder-disabled.js';
import { managementAccountHygiene } from './management-account-hygiene.js';
import { orgScpGuardrailsMissing } from './org-scp-guardrails-missing.js';
import { rootUseAlarmMissing } from './root-use-alarm-missing.js';
import { securityContactMissing } from './security-contact-missing.js';
import { supportRoleMissing } from './support-role-missing.js';

export const accountRules: AnyRule[] = [
  accessAnalyzerDisabled,
  accountContactIncomplete,
  accountNotInOrganization,
  billingAlarmMissing,
  cloudtrailEnabled,
  cloudtrailLogValidation,
  configDeliveryFailing,
  configRecorderDisabled,
  managementAccountHygiene,
  orgScpGuardrailsMissing,
  rootUseAlarmMissing,
  securityContactMissing,
  supportRoleMissing,
];
