import type { Suppression } from '../src/config.js';
import { daysUntilExpiry, suppressionWarnings } from '../src/engine/suppressions.js';
import { ACCOUNT, NOW } from './builders/snapshot.js';
import { OTHER_ACCOUNT, auditedSnapshot, buildReport } from './report/report-fixture.js';

const TODAY = new Date(NOW); // 2026-06-15
const bob = `arn:aws:iam::${ACCOUNT}:user/bob`;
const identity = (id: string) => id;

function warningsFor(suppression: Suppression, report = buildReport()): string[] {
  return suppressionWarnings(report, [suppression], TODAY, identity);
}

describe('suppressions about to expire', () => {
  test.each([
    ['2026-06-15', 0, true],
    ['2026-06-16', 1, true],
    ['2026-06-29', 14, true],
    ['2026-06-30', 15, false],
    ['2027-01-01', 200, false],
  ])('expires %s: %i days left, warned: %s', (expires, days, warned) => {
    expect(daysUntilExpiry(expires, TODAY)).toBe(days);
    const warnings = warningsFor({ rule: 'test-user-mfa', resource: bob, reason: 'break-glass', expires });
    expect(warnings.some((w) => w.includes('expires on'))).toBe(warned);
  });

  test('the warning names the rule, the resource, the date and the days left', () => {
    expect(warningsFor({ rule: 'test-user-mfa', resource: bob, reason: 'r', expires: '2026-06-20' })).toEqual(
      [
        `Suppression of test-user-mfa for ${bob} expires on 2026-06-20 (in 5 days): fix the finding or extend the suppression.`,
      ],
    );
    expect(
      warningsFor({ rule: 'test-user-mfa', resource: bob, reason: 'r', expires: '2026-06-15' })[0],
    ).toContain('(today is its last day)');
  });

  test('an already expired suppression is left to the engine, which warns that it stopped applying', () => {
    expect(warningsFor({ rule: 'test-user-mfa', resource: bob, reason: 'r', expires: '2026-06-14' })).toEqual(
      [],
    );
  });

  test('a suppression without expiry never warns about expiry', () => {
    expect(warningsFor({ rule: 'test-user-mfa', resource: bob, reason: 'r' })).toEqual([]);
  });
});

describe('stale suppressions', () => {
  const stale = (warnings: string[]) => warnings.filter((w) => w.includes('matched no finding'));

  test('a suppression whose rule ran and found nothing it matches is stale', () => {
    const gone = `arn:aws:iam::${ACCOUNT}:user/carol`;
    expect(warningsFor({ rule: 'test-user-mfa', resource: gone, reason: 'left the company' })).toEqual([
      `Suppression of test-user-mfa for ${gone} matched no finding in this run: remove it from the config file if the problem is fixed.`,
    ]);
  });

  test.each([
    ['exact ARN', bob],
    ['glob', `arn:aws:iam::${ACCOUNT}:user/b*`],
    ['glob across accounts', 'arn:aws:iam::*:user/bob'],
  ])('a suppression that matches a finding (%s) is not stale', (_case, resource) => {
    expect(stale(warningsFor({ rule: 'test-user-mfa', resource, reason: 'r' }))).toEqual([]);
  });

  test('a suppression for another rule on the same resource is stale', () => {
    expect(stale(warningsFor({ rule: 'test-root-key', resource: bob, reason: 'r' }))).toHaveLength(1);
  });

  test('a suppression of a rule that was not evaluated says nothing (its finding may still be there)', () => {
    // test-policy needs authorizationDetails, which the fixture account denies.
    expect(warningsFor({ rule: 'test-policy', resource: bob, reason: 'r' })).toEqual([]);
  });

  test('a suppression of a rule that did not run at all says nothing', () => {
    expect(warningsFor({ rule: 'rule-not-selected', resource: bob, reason: 'r' })).toEqual([]);
  });

  test('a suppression for an account this run did not audit says nothing (one config, per-account jobs)', () => {
    const elsewhere = `arn:aws:iam::${OTHER_ACCOUNT}:user/carol`;
    expect(warningsFor({ rule: 'test-user-mfa', resource: elsewhere, reason: 'r' })).toEqual([]);
  });

  test('a glob over accounts is stale only if every account it covers was audited', () => {
    const suppression = { rule: 'test-user-mfa', resource: 'arn:aws:iam::*:user/carol', reason: 'r' };
    const bothAudited = buildReport({
      accounts: [{ snapshot: auditedSnapshot() }, { snapshot: auditedSnapshot(OTHER_ACCOUNT) }],
    });
    expect(stale(warningsFor(suppression, bothAudited))).toHaveLength(1);
    const oneFailed = buildReport({
      accounts: [
        { snapshot: auditedSnapshot() },
        { accountId: OTHER_ACCOUNT, status: 'failed', reason: 'AccessDenied' },
      ],
    });
    expect(stale(warningsFor(suppression, oneFailed))).toEqual([]);
  });

  test('an alias in the config is matched as the rule it names', () => {
    const aliases = (id: string) => (id === 'old-user-mfa-id' ? 'test-user-mfa' : id);
    const warnings = suppressionWarnings(
      buildReport(),
      [{ rule: 'old-user-mfa-id', resource: bob, reason: 'r' }],
      TODAY,
      aliases,
    );
    expect(warnings).toEqual([]);
  });
});
