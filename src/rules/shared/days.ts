// Day arithmetic for credential-age rules. Every threshold is "more than N days", compared to the
// millisecond: exactly N days is not more than N days, N days and one second is. Rules pass the
// snapshot's collectedAt as `now`, never the clock.
import { countOf } from './words.js';

const MS_PER_DAY = 86_400_000;
export const MS_PER_HOUR = 3_600_000;

/** Milliseconds from an ISO timestamp to now; negative when the timestamp is later than now. */
function msSince(iso: string, now: Date): number {
  return now.getTime() - Date.parse(iso);
}

/** True when strictly more than `days` days lie between `iso` and now. */
export function isMoreThanDaysAgo(iso: string, now: Date, days: number): boolean {
  return msSince(iso, now) > days * MS_PER_DAY;
}

/**
 * Whole days elapsed, for messages: the count a person reads as "N days ago" (rounded down, and 0
 * for a timestamp later than now, which clock skew between IAM and the collector can produce).
 */
function wholeDaysSince(iso: string, now: Date): number {
  return Math.max(0, Math.floor(msSince(iso, now) / MS_PER_DAY));
}

/**
 * Elapsed days for a message about a broken "more than N days" limit, rounded up: any time past N
 * days reads as more than N (45 days and 1 second is "46 days"), so the number shown never
 * contradicts the limit it broke.
 */
export function daysRoundedUp(iso: string, now: Date): number {
  return Math.max(0, Math.ceil(msSince(iso, now) / MS_PER_DAY));
}

/** `2026-06-15` from an ISO timestamp (UTC), for messages. */
export function dayOf(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

/** "2026-06-10 (5 days ago)", for messages. */
export function dayAndAge(iso: string, now: Date): string {
  return `${dayOf(iso)} (${countOf(wholeDaysSince(iso, now), 'day')} ago)`;
}
