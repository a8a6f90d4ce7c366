import { roleUnused } from '../../../src/rules/trust/role-unused.js';
import type { RoleDetail } from '../../../src/snapshot/schema.js';
import { accountWith, iamResource } from '../../builders/policies.js';
import { judge, runRule } from '../../builders/rules.js';
import {
  daysAgo,
  daysAndSecondsAgo,
  futureDateReason,
  role,
  secondsAfterNow,
} from '../../builders/snapshot.js';

const used = (date: string) => ({ date, region: 'eu-west-1' });

describe('role-unused', () => {
  test.each<{ name: string; role: Partial<RoleDetail>; maxUnusedDays?: number; message: string | null }>([
    {
      name: 'used exactly 90 days ago: not more than 90',
      role: { lastUsed: used(daysAgo(90)) },
      message: null,
    },
    {
      name: 'used 90 days and 1 second ago',
      role: { lastUsed: used(daysAndSecondsAgo(90, 1)) },
      message: 'Role app unused for 91 days, last used 2026-03-17 (allowed: 90).',
    },
    {
      name: 'never used, created 200 days ago: counted from creation',
      role: { lastUsed: null, createDate: daysAgo(200) },
      message: 'Role app unused for 200 days, never used since its creation on 2025-11-27 (allowed: 90).',
    },
    {
      name: 'never used, created 10 days ago',
      role: { lastUsed: { date: null, region: null }, createDate: daysAgo(10) },
      message: null,
    },
    { name: 'used yesterday', role: { lastUsed: used(daysAgo(1)) }, message: null },
    {
      name: 'a stricter option',
      role: { lastUsed: used(daysAgo(31)) },
      maxUnusedDays: 30,
      message: 'Role app unused for 31 days, last used 2026-05-15 (allowed: 30).',
    },
    { name: 'no dates at all: nothing to judge', role: { lastUsed: null, createDate: null }, message: null },
  ])('$name', ({ role: overrides, maxUnusedDays, message }) => {
    const findings = runRule(
      roleUnused,
      accountWith({ roles: [role('app', overrides)] }),
      maxUnusedDays ? { maxUnusedDays } : {},
    );
    expect(findings.map((f) => [f.resource, f.message])).toEqual(
      message === null ? [] : [[iamResource('role/app'), message]],
    );
  });

  test('service-linked roles are never reported', () => {
    const linked = role('AWSServiceRoleForX', {
      path: '/aws-service-role/x.amazonaws.com/',
      lastUsed: null,
      createDate: daysAgo(900),
    });
    expect(runRule(roleUnused, accountWith({ roles: [linked] }))).toEqual([]);
  });
});

describe('role-unused with a date after the collection time', () => {
  test.each<{ name: string; role: Partial<RoleDetail>; reason: string | null }>([
    {
      name: 'last used 15 minutes late: clock drift, judged as used now',
      role: { lastUsed: used(secondsAfterNow(15 * 60)) },
      reason: null,
    },
    {
      name: 'last used 15 minutes and 1 second late: not evaluated, never "used today"',
      role: { lastUsed: used(secondsAfterNow(15 * 60 + 1)) },
      reason: futureDateReason('RoleLastUsed.LastUsedDate of role app', '2026-06-15 12:15'),
    },
    {
      name: 'never used, created a year late',
      role: { lastUsed: null, createDate: secondsAfterNow(365 * 86_400) },
      reason: futureDateReason('CreateDate of role app', '2027-06-15 12:00'),
    },
  ])('$name', ({ role: overrides, reason }) => {
    const result = judge(roleUnused, accountWith({ roles: [role('app', overrides)] }));
    expect(result.findings).toEqual([]);
    expect(result.notEvaluated).toEqual(
      reason === null ? [] : [{ resource: iamResource('role/app'), reason }],
    );
  });
});
