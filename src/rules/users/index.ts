// IAM user, group and credential rules: MFA, idle and old credentials, shared identities, how
// permissions are granted, and stored server certificates.
import type { AnyRule } from '../types.js';
import { groupEmpty } from './group-empty.js';
import { identityFederationMissing } from './identity-federation-missing.js';
import { inlinePolicyOnGroupOrRole } from './inline-policy-on-group-or-role.js';
import { serverCertificateExpired } from './server-certificate-expired.js';
import { userAccessKeyAtSetup } from './user-access-key-at-setup.js';
import { userAccessKeyRotation } from './user-access-key-rotation.js';
import { userConsoleWithoutMfa } from './user-console-without-mfa.js';
import { userDirectPolicies } from './user-direct-policies.js';
import { userMultipleActiveKeys } from './user-multiple-active-keys.js';
import { userNotInGroup } from './user-not-in-group.js';
import { userPasswordAndKeys } from './user-password-and-keys.js';
import { userSharedCredentials } from './user-shared-credentials.js';
import { userUnusedAccessKey } from './user-unused-access-key.js';
import { userUnusedPassword } from './user-unused-password.js';
import { userVirtualMfa } from './user-virtual-mfa.js';
import { userWithoutMfa } from './user-without-mfa.js';

export const userRules: AnyRule[] = [
  groupEmpty,
  identityFederationMissing,
  inlinePolicyOnGroupOrRole,
  serverCertificateExpired,
  userAccessKeyAtSetup,
  userAccessKeyRotation,
  userConsoleWithoutMfa,
  userDirectPolicies,
  userMultipleActiveKeys,
  userNotInGroup,
  userPasswordAndKeys,
  userSharedCredentials,
  userUnusedAccessKey,
  userUnusedPassword,
  userVirtualMfa,
  userWithoutMfa,
];
