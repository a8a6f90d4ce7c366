// Over-broad policies: policy documents judged on their own, and principals judged on their
// effective permissions (full admin, privilege escalation, admins without MFA).
import type { AnyRule } from '../types.js';
import { accessInvariantViolated } from './access-invariant-violated.js';
import { policyAssumeRoleWildcard } from './policy-assume-role-wildcard.js';
import { policyCloudshellFullAccess } from './policy-cloudshell-full-access.js';
import { policyCredentialsExposure } from './policy-credentials-exposure.js';
import { policyDataExfiltration } from './policy-data-exfiltration.js';
import { policyFullAdmin } from './policy-full-admin.js';
import { policyInvalid } from './policy-invalid.js';
import { policyNotActionAllow } from './policy-not-action-allow.js';
import { policyPassroleWildcard } from './policy-passrole-wildcard.js';
import { policyResourceExposure } from './policy-resource-exposure.js';
import { policyServiceWildcard } from './policy-service-wildcard.js';
import { policyUnused } from './policy-unused.js';
import { policyWriteWildcardResource } from './policy-write-wildcard-resource.js';
import { principalFullAdmin } from './principal-full-admin.js';
import { principalPrivilegeEscalation } from './principal-privilege-escalation.js';
import { resourcePolicyPublic } from './resource-policy-public.js';
import { userAdminWithoutMfa } from './user-admin-without-mfa.js';

export const policyRules: AnyRule[] = [
  accessInvariantViolated,
  policyAssumeRoleWildcard,
  policyCloudshellFullAccess,
  policyCredentialsExposure,
  policyDataExfiltration,
  policyFullAdmin,
  policyInvalid,
  policyNotActionAllow,
  policyPassroleWildcard,
  policyResourceExposure,
  policyServiceWildcard,
  policyUnused,
  policyWriteWildcardResource,
  principalFullAdmin,
  principalPrivilegeEscalation,
  resourcePolicyPublic,
  userAdminWithoutMfa,
];
