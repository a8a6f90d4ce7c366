// What credentials the root user holds, from the two sources IAM offers: the credential report's
// root row (per slot, with dates, but up to 4 hours old) and GetAccountSummary's root flags (read
// live, but only 0/1). Root has no credentials at all in Organizations member accounts whose root
// access is centrally managed, and no password in GovCloud, so "no credential" is a real state.
import type { AccountSummary, CredentialReportRow } from '../../snapshot/schema.js';
import type { Finding } from '../types.js';
import { activeAccessKeys, activeCertificateSlots } from './credential-report.js';

export type RootSummaryFlag =
  | 'AccountMFAEnabled'
  | 'AccountAccessKeysPresent'
  | 'AccountPasswordPresent'
  | 'AccountSigningCertificatesPresent';

/** A summary flag as a boolean; undefined when the key is missing (a missing key is unknown, not 0). */
export function summaryFlag(summary: AccountSummary, flag: RootSummaryFlag): boolean | undefined {
  const value = summary[flag];
  return value === undefined ? undefined : value > 0;
}

/**
 * A summary flag a rule cannot do without. Throwing makes the rule a rule error: an unknown
 * answer must never read as a pass.
 */
export function requiredSummaryFlag(summary: AccountSummary, flag: RootSummaryFlag, why: string): boolean {
  const value = summaryFlag(summary, flag);
  if (value === undefined) throw new Error(`The account summary has no ${flag}, needed ${why}.`);
  return value;
}

/**
 * Whether root can sign in with a password. The live summary flag wins; without it, only
 * `password_enabled=true` counts: `false` and `not_supported` (GovCloud, centrally managed root)
 * mean no usable password.
 */
function rootHasPassword(row: CredentialReportRow | undefined, summary: AccountSummary): boolean {
  return summaryFlag(summary, 'AccountPasswordPresent') ?? row?.passwordEnabled === true;
}

/**
 * Root's usable credentials, worded for messages ("a console password", "active access key 1").
 * Keys and certificates come from the root row, which knows which are active; only without a root
 * row do the summary flags answer (they also count inactive ones).
 */
export function rootCredentials(row: CredentialReportRow | undefined, summary: AccountSummary): string[] {
  const held: string[] = [];
  if (rootHasPassword(row, summary)) held.push('a console password');
  if (row) {
    for (const { slot } of activeAccessKeys(row)) held.push(`active access key ${slot}`);
    for (const slot of activeCertificateSlots(row)) held.push(`active signing certificate ${slot}`);
  } else {
    if (summaryFlag(summary, 'AccountAccessKeysPresent')) held.push('an access key');
    if (summaryFlag(summary, 'AccountSigningCertificatesPresent')) held.push('a signing certificate');
  }
  return held;
}

/**
 * The fallback when the credential report has no root row: one finding, without a slot, when the
 * summary flag says root holds the credential (`credential` is worded for the message: "an access key").
 */
export function rootFindingsFromSummary(
  summary: AccountSummary,
  flag: RootSummaryFlag,
  credential: string,
  resource: string,
): Finding[] {
  if (!requiredSummaryFlag(summary, flag, 'because the credential report has no root row')) return [];
  return [
    {
      resource,
      message: `Root user has ${credential} (account summary ${flag} = 1; the credential report has no root row).`,
      evidence: { source: 'account summary', flag },
    },
  ];
}
