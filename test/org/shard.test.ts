// Scale-out: `--shard K/N` splits the sorted account list so that shards 1/N..N/N cover every
// account exactly once, and merging the shards' JSON reports gives the report of one unsharded run.
import { afterEach, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inShard, selectAccounts } from '../../src/collect/org.js';
import { parseShard } from '../../src/collect/org-options.js';
import { readReportParts } from '../../src/commands/merge.js';
import { evaluate } from '../../src/engine/report.js';
import { resolveRules } from '../../src/engine/resolve-rules.js';
import { renderJson } from '../../src/report/json.js';
import { mergeReports } from '../../src/engine/merge.js';
import type { Report } from '../../src/report/model.js';
import { FAKE_NOW } from '../fake-aws/model.js';
import { memberId, organizationWorld } from '../fake-aws/organization.js';
import type { FakeSession } from '../collect/harness.js';
import { AUDIT_RULES, startSession } from '../collect/harness.js';

let session: FakeSession | undefined;
let directory: string | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
  if (directory) rmSync(directory, { recursive: true, force: true });
  directory = undefined;
});

describe('shard selection', () => {
  const listed = Array.from({ length: 23 }, (_, index) => ({
    id: String(900000000000 - index * 7919),
    state: 'ACTIVE',
  }));

  test.each([1, 2, 3, 5, 23])('shards 1/%i..N/N cover every account exactly once', (count) => {
    const covered = Array.from({ length: count }, (_, index) =>
      selectAccounts(listed, { shard: { index: index + 1, count } }, 'o-a1b2c3d4e5').map(
        (account) => account.id,
      ),
    );
    const all = covered.flat();
    expect(all.sort()).toEqual(listed.map((account) => account.id).sort());
    expect(new Set(all).size).toBe(listed.length);
    // Balanced: no shard holds more than one account over another.
    const sizes = covered.map((ids) => ids.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  test('more shards than accounts: a shard that would hold no account is refused, never an empty pass', () => {
    expect(selectAccounts(listed, { shard: { index: 23, count: 30 } }, 'o-x')).toHaveLength(1);
    expect(() => selectAccounts(listed, { shard: { index: 24, count: 30 } }, 'o-x')).toThrow(
      '--shard 24/30 holds no account: organization o-x has 23 accounts to audit, fewer than 30 shards',
    );
  });

  test('a shard depends on the sorted ids, not on the order AWS lists them in', () => {
    const shard = { index: 2, count: 3 };
    const reversed = [...listed].reverse();
    expect(selectAccounts(reversed, { shard }, 'o-x').map((a) => a.id)).toEqual(
      selectAccounts(listed, { shard }, 'o-x').map((a) => a.id),
    );
  });

  test('positions go round-robin over the sorted list: position p is in shard (p mod N) + 1', () => {
    expect([0, 1, 2, 3, 4, 5].map((position) => inShard(position, { index: 2, count: 3 }))).toEqual([
      false,
      true,
      false,
      false,
      true,
      false,
    ]);
  });

  test.each([
    ['0/3', '--shard: "0/3" is not a shard K/N with 1 <= K <= N'],
    ['4/3', '--shard: "4/3" is not a shard K/N with 1 <= K <= N'],
    ['1/0', '--shard: "1/0" is not a shard K/N with 1 <= K <= N'],
    ['2', '--shard: "2" is not a shard K/N with 1 <= K <= N'],
    ['a/b', '--shard: "a/b" is not a shard K/N with 1 <= K <= N'],
  ])('--shard %s is refused', (text, message) => {
    expect(() => parseShard(text)).toThrow(message);
  });

  test('--shard 3/3 and 1/1 are valid', () => {
    expect([parseShard('3/3'), parseShard('1/1')]).toEqual([
      { index: 3, count: 3 },
      { index: 1, count: 1 },
    ]);
  });
});

describe('merging shard reports', () => {
  test('equals one unsharded run: accounts, findings and fingerprints, not-evaluated rules, summary', async () => {
    const world = organizationWorld({
      memberCount: 9,
      withoutRole: [memberId(4)],
      states: { [memberId(6)]: 'SUSPENDED' },
      // Findings that differ per account: every third member has no security contact. A report
      // IAM already generated keeps collection times equal between the runs.
      member: (_id, index) => ({
        credentialReport: { status: 'complete' },
        ...(index % 3 === 0 && { securityContact: null }),
      }),
    });
    world.management.credentialReport.status = 'complete';
    session = await startSession(world.management);
    const rules = resolveRules(AUDIT_RULES, {});
    const run = async (shard?: { index: number; count: number }) =>
      evaluate((await session!.collectOrganization(shard ? { shard } : {})).accounts, rules, {
        today: FAKE_NOW,
        generatedAt: FAKE_NOW,
      });

    const whole = await run();
    directory = mkdtempSync(join(tmpdir(), 'iamspect-shards-'));
    const files: string[] = [];
    for (let index = 1; index <= 3; index++) {
      const file = join(directory, `shard-${index}.json`);
      // Each part records its shard, as `audit --org --shard K/N` does.
      const shard = { index, count: 3 };
      writeFileSync(file, renderJson({ ...(await run(shard)), run: { shard } }));
      files.push(file);
    }
    const merged = mergeReports(readReportParts(files));

    const key = (report: Report) => ({
      accounts: report.accounts,
      findings: report.findings.map(({ ruleId, accountId, resource, message, fingerprint }) => ({
        ruleId,
        accountId,
        resource,
        message,
        fingerprint,
      })),
      notEvaluated: report.notEvaluated,
      ruleErrors: report.ruleErrors,
      summary: report.summary,
    });
    expect(key(merged)).toEqual(key(whole));
    expect(merged.accounts).toHaveLength(10);
    expect(merged.summary.accounts).toEqual({ audited: 8, failed: 1, skipped: 1 });
    // Members 0 and 3 (member 6, suspended, is not audited).
    expect(merged.findings.filter((finding) => finding.ruleId === 'security-contact-missing')).toHaveLength(
      2,
    );
    // The whole report, field by field, as one run writes it (reading a report back orders its keys
    // by the schema, so the comparison is of values).
    expect(JSON.parse(renderJson(merged))).toEqual(JSON.parse(renderJson(whole)));
  }, 60_000);
});
