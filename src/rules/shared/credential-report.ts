// Reading the credential report the way IAM means it. The report has one row per IAM user plus a
// root row, two access-key slots and two signing-certificate slots per row. Special tokens
// (N/A, no_information, not_supported) are already null in the snapshot, so "no date" here means
// "never", "not tracked" or "not applicable", never a date.
import type { AccessKeyColumns, CredentialReport, CredentialReportRow } from '../../snapshot/schema.js';
import { dayOf, daysRoundedUp } from './days.js';
import { accessKeyColumn } from './future-dates.js';
import { plural } from '../../util/words.js';

export type CredentialSlot = 1 | 2;

export interface ActiveAccessKey {
  slot: CredentialSlot;
  key: AccessKeyColumns;
}

/** A starting point for "unused" ages, and what it is, for messages and evidence. */
export interface UnusedSince {
  date: string;
  basis: 'last used' | 'password set' | 'user created' | 'key created';
  /** The credential-report column the date comes from, for messages about a suspect date. */
  column: string;
}

/** Rows of IAM users: the root row is judged by the root rules only. */
export function iamUserRows(report: CredentialReport): CredentialReportRow[] {
  return report.rows.filter((row) => !row.isRoot);
}

/** The root row, found by its flag rather than by position (it is usually, not always, first). */
export function findRootRow(report: CredentialReport): CredentialReportRow | undefined {
  return report.rows.find((row) => row.isRoot);
}

/** True only for `password_enabled=true`: root's `not_supported` (null) is not a password. */
export function hasConsolePassword(row: CredentialReportRow): boolean {
  return row.passwordEnabled === true;
}

/** Slots whose key exists and is Active (the report's `access_key_N_active`). */
export function activeAccessKeys(row: CredentialReportRow): ActiveAccessKey[] {
  return row.accessKeys.flatMap((key, index) => (key.active ? [{ slot: slotOf(index), key }] : []));
}

/** Slots whose X.509 signing certificate is Active. */
export function activeCertificateSlots(row: CredentialReportRow): CredentialSlot[] {
  return row.certs.flatMap((cert, index) => (cert.active ? [slotOf(index)] : []));
}

/** Stable per-slot discriminator (`key1`, `key2`) so suppressions and baselines tell the keys apart. */
export function keyDiscriminator(slot: CredentialSlot): string {
  return `key${slot}`;
}

/** "Access key 2 of alice", as messages name a key (the report has no key ids, only slots). */
export function describeKey(slot: CredentialSlot, row: CredentialReportRow): string {
  return `Access key ${slot} of ${row.user}`;
}

/**
 * Where an access key's idle time starts: its last use, or for a key never used (or last used
 * before tracking began on 2015-04-22) its creation, `access_key_N_last_rotated`.
 */
export function keyUnusedSince({ slot, key }: ActiveAccessKey): UnusedSince | null {
  if (key.lastUsedDate)
    return { date: key.lastUsedDate, basis: 'last used', column: accessKeyColumn(slot, 'last_used_date') };
  if (key.lastRotated)
    return { date: key.lastRotated, basis: 'key created', column: accessKeyColumn(slot, 'last_rotated') };
  return null;
}

/**
 * Where a console password's idle time starts: its last use, or for a password never used (or
 * last used before tracking began on 2014-10-20) the day it was set, else the user's creation.
 */
export function passwordUnusedSince(row: CredentialReportRow): UnusedSince | null {
  if (row.passwordLastUsed)
    return { date: row.passwordLastUsed, basis: 'last used', column: 'password_last_used' };
  if (row.passwordLastChanged)
    return { date: row.passwordLastChanged, basis: 'password set', column: 'password_last_changed' };
  if (row.userCreationTime)
    return { date: row.userCreationTime, basis: 'user created', column: 'user_creation_time' };
  return null;
}

const START_WORDING: Record<Exclude<UnusedSince['basis'], 'last used'>, string> = {
  'password set': 'the password was set',
  'user created': 'the user was created',
  'key created': 'the key was created',
};

/**
 * For a credential past its idle limit: "Access key 1 of alice unused for 61 days, last used
 * 2026-04-15" or, without a recorded use,
 * "... has no recorded use in the 61 days since the key was created on 2026-04-15".
 */
export function describeUnused(subject: string, since: UnusedSince, now: Date): string {
  const days = plural(daysRoundedUp(since.date, now), 'day');
  return since.basis === 'last used'
    ? `${subject} unused for ${days}, last used ${dayOf(since.date)}`
    : `${subject} has no recorded use in the ${days} since ${START_WORDING[since.basis]} on ${dayOf(since.date)}`;
}

/** Evidence of an idle credential: how long, counted from what, and the limit. */
export function unusedEvidence(
  since: UnusedSince,
  now: Date,
  maxUnusedDays: number,
): Record<string, unknown> {
  return {
    unusedDays: daysRoundedUp(since.date, now),
    countedFrom: since.basis,
    since: since.date,
    maxUnusedDays,
  };
}

function slotOf(index: number): CredentialSlot {
  return index === 0 ? 1 : 2;
}
