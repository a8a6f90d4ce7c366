// Day arithmetic for credential-age rules. Every threshold is "more than N days", compared to the
// millisecond: exactly N days is not more than N days, N days and one second is. Rules pass the
// snapshot's collectedAt as `now`, never the clock.
import { MS_PER_DAY } from '../../util/time.js';
import { plural } from '../../util/words.js';

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
 * Calendar days (UTC) from the day of `iso` to the day of now, as a person reads "N days ago" next
 * to a date: 2026-10-31 seen on 2026-11-01 is one day ago even if only 20 hours passed. 0 for a
 * timestamp later than now, which clock skew between IAM and the collector can produce.
 */
function calendarDaysSince(iso: string, now: Date): number {
  const startOfDay = (ms: number) => Math.floor(ms / MS_PER_DAY);
  return Math.max(0, startOfDay(now.getTime()) - startOfDay(Date.parse(iso)));
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

/** "2026-06-10 (5 days ago)", "2026-06-14 (yesterday)" or "2026-06-15 (today)", for messages. */
export function dayAndAge(iso: string, now: Date): string {
  const days = calendarDaysSince(iso, now);
  const age = days === 0 ? 'today' : days === 1 ? 'yesterday' : `${plural(days, 'day')} ago`;
  return `${dayOf(iso)} (${age})`;
}
