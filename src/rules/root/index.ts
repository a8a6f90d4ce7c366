// Root user rules: credentials, MFA and use of the account's most powerful identity.
import type { AnyRule } from '../types.js';
import { rootAccessKeys } from './root-access-keys.js';
import { rootCredentialsNotCentralized } from './root-credentials-not-centralized.js';
import { rootHardwareMfa } from './root-hardware-mfa.js';
import { rootMfa } from './root-mfa.js';
import { rootRecentUse } from './root-recent-use.js';
import { rootSigningCertificates } from './root-signing-certificates.js';

export const rootRules: AnyRule[] = [
  rootAccessKeys,
  rootCredentialsNotCentralized,
  rootHardwareMfa,
  rootMfa,
  rootRecentUse,
  rootSigningCertificates,
];
