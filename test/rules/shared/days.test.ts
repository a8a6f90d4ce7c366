import { dayAndAge, isMoreThanDaysAgo } from '../../../src/rules/shared/days.js';

const now = new Date('2026-11-01T09:00:00Z');

describe('dayAndAge counts calendar days, so the age agrees with the date next to it', () => {
  test.each([
    ['2026-11-01T08:59:00Z', '2026-11-01 (today)'],
    ['2026-10-31T23:59:00Z', '2026-10-31 (yesterday)'],
    ['2026-10-31T10:00:00Z', '2026-10-31 (yesterday)'],
    ['2026-10-30T10:00:00Z', '2026-10-30 (2 days ago)'],
    ['2026-11-01T09:05:00Z', '2026-11-01 (today)'],
  ])('%s -> %s', (iso, expected) => {
    expect(dayAndAge(iso, now)).toBe(expected);
  });
});

test('limits compare elapsed time to the millisecond: exactly N days is not more than N days', () => {
  expect(isMoreThanDaysAgo('2026-10-02T09:00:00Z', now, 30)).toBe(false);
  expect(isMoreThanDaysAgo('2026-10-02T08:59:59Z', now, 30)).toBe(true);
});
