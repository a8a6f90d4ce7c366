// `iamspect audit --org` and `iamspect collect --org -o DIR` through the real CLI entry point,
// against the fake endpoint: the JSON report of many accounts, the exit code, the snapshot
// directory and auditing it offline.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import type { Report } from '../../src/report/model.js';
import { MANAGEMENT_ACCOUNT_ID, memberId, organizationWorld } from '../fake-aws/organization.js';
import type { FakeSession } from '../collect/harness.js';
import { startSession } from '../collect/harness.js';
import { runCli } from '../cli-harness.js';

let session: FakeSession;
let directory: string;
beforeEach(async () => {
  const world = organizationWorld({
    memberCount: 3,
    withoutRole: [memberId(1)],
    // Reports IAM already generated: the CLI's real clock never waits for one.
    member: () => ({ credentialReport: { status: 'complete' } }),
  });
  world.management.credentialReport.status = 'complete';
  session = await startSession(world.management);
  directory = mkdtempSync(join(tmpdir(), 'iamspect-org-'));
});
afterEach(async () => {
  await session.close();
  rmSync(directory, { recursive: true, force: true });
});

/** The report without what differs between two runs of the same data (the wall-clock time of the run). */
function comparable(json: string): Omit<Report, 'generatedAt'> {
  const { generatedAt: _ignored, ...rest } = JSON.parse(json) as Report;
  return rest;
}

describe('iamspect audit --org', () => {
  test('reports every account with its status; the account that could not be assumed makes it exit 3', async () => {
    const { code, stdout, stderr } = await runCli(['audit', '--org', '--format', 'json', '--quiet']);
    const report = JSON.parse(stdout) as Report;
    expect(report.accounts.map(({ accountId, status }) => [accountId, status])).toEqual([
      ['100000000000', 'audited'],
      [memberId(0), 'audited'],
      [memberId(1), 'failed'],
      [memberId(2), 'audited'],
    ]);
    expect(report.accounts[2]!.reason).toContain(
      `cannot assume role arn:aws:iam::${memberId(1)}:role/OrganizationAccountAccessRole`,
    );
    expect(report.summary.failing).toBe(0);
    expect(code).toBe(3);
    expect(stderr).toBe('');
  });

  test('the table groups findings by account, with a summary per account and for all', async () => {
    const { stdout } = await runCli(['audit', '--org', '--quiet', '--fail-on', 'none']);
    expect(stdout).toContain(`Account ${memberId(1)} could not be audited: cannot assume role`);
    expect(stdout).toContain('All accounts: 3 accounts audited, 1 failed');
  });

  test('SARIF: one run, the account in every result and its logical location, the failed account a notification', async () => {
    const { stdout } = await runCli(['audit', '--org', '--format', 'sarif', '--quiet']);
    const [run] = (JSON.parse(stdout) as Log).runs;
    const results = run!.results ?? [];
    expect(new Set(results.map((result) => result.properties?.accountId))).toEqual(
      new Set(['100000000000', memberId(0), memberId(2)]),
    );
    for (const result of results) {
      const [logical] = result.locations![0]!.logicalLocations!;
      expect(logical!.properties?.accountId).toBe(result.properties?.accountId);
      expect(logical!.fullyQualifiedName).toContain(`:${String(result.properties?.accountId)}:`);
    }
    const [invocation] = run!.invocations!;
    expect(invocation!.executionSuccessful).toBe(false);
    expect(
      invocation!.toolExecutionNotifications?.map((notification) => notification.properties?.accountId),
    ).toEqual([memberId(1)]);
  });

  test('a shard records itself in the report, so merge can tell a missing one', async () => {
    const { stdout } = await runCli(['audit', '--org', '--shard', '2/2', '--format', 'json', '--quiet']);
    const report = JSON.parse(stdout) as Report;
    expect(report.run).toEqual({ shard: { index: 2, count: 2 } });
    expect(report.accounts.map((account) => account.accountId)).toEqual([memberId(0), memberId(2)]);
    const whole = JSON.parse((await runCli(['audit', '--org', '--format', 'json', '--quiet'])).stdout);
    expect(whole).not.toHaveProperty('run');
  });

  test('--org with a snapshot is refused before any AWS call', async () => {
    const { code, stderr } = await runCli(['audit', '--org', '--snapshot', directory]);
    expect(code).toBe(2);
    expect(stderr).toContain('iamspect: error: --org cannot be used with --snapshot');
    expect(session.fake.requests.total()).toBe(0);
  });

  test('an organization flag without --org is refused before any AWS call', async () => {
    const { code, stderr } = await runCli(['audit', '--shard', '1/2']);
    expect(code).toBe(2);
    expect(stderr).toContain('iamspect: error: --shard: only meaningful with --org');
    expect(session.fake.requests.total()).toBe(0);
  });
});

describe('iamspect collect --org -o DIR', () => {
  test('writes one snapshot per collected account and an index; auditing the directory gives the live report', async () => {
    const output = join(directory, 'snapshots');
    const collected = await runCli(['collect', '--org', '-o', output]);
    expect(collected.code).toBe(0);
    expect(collected.stderr).toContain(
      `Wrote ${join(output, 'index.json')}: organization o-a1b2c3d4e5, 3 accounts collected, 1 failed, 0 skipped`,
    );
    expect(collected.stderr).toContain(`  ${memberId(1)} failed: cannot assume role`);
    expect(readdirSync(output).sort()).toEqual([
      '100000000000.json',
      `${memberId(0)}.json`,
      `${memberId(2)}.json`,
      'index.json',
    ]);
    const index = JSON.parse(readFileSync(join(output, 'index.json'), 'utf8'));
    expect(index.accounts[2]).toMatchObject({ accountId: memberId(1), status: 'failed', partition: 'aws' });

    const offline = await runCli(['audit', '--snapshot', output, '--format', 'json']);
    const live = await runCli(['audit', '--org', '--format', 'json', '--quiet']);
    expect(offline.code).toBe(3);
    expect(comparable(offline.stdout).findings).toEqual(comparable(live.stdout).findings);
    expect(comparable(offline.stdout).accounts.map((account) => [account.accountId, account.status])).toEqual(
      comparable(live.stdout).accounts.map((account) => [account.accountId, account.status]),
    );
  });

  test('--shard is recorded in the index', async () => {
    const output = join(directory, 'shard-1');
    await runCli(['collect', '--org', '--shard', '1/2', '-o', output, '--quiet']);
    const index = JSON.parse(readFileSync(join(output, 'index.json'), 'utf8'));
    expect(index.shard).toBe('1/2');
    expect(index.accounts.map((account: { accountId: string }) => account.accountId)).toEqual([
      '100000000000',
      memberId(1),
    ]);
  });

  test('auditing the directory of a shard gives a report of that shard', async () => {
    const output = join(directory, 'shard-1');
    await runCli(['collect', '--org', '--shard', '1/2', '-o', output, '--quiet']);
    const { stdout } = await runCli(['audit', '--snapshot', output, '--format', 'json']);
    expect((JSON.parse(stdout) as Report).run).toEqual({ shard: { index: 1, count: 2 } });
  });

  test('an existing file as the directory is refused before any AWS call', async () => {
    const file = join(directory, 'taken');
    writeFileSync(file, 'x');
    const { code, stderr } = await runCli(['collect', '--org', '-o', file]);
    expect(code).toBe(2);
    expect(stderr).toContain(`--output ${file}: is a file; with --org it must be a directory`);
    expect(session.fake.requests.total()).toBe(0);
  });

  test('a directory whose index lists an account that is not in its snapshot file is refused by name', async () => {
    const output = join(directory, 'snapshots');
    await runCli(['collect', '--org', '-o', output, '--quiet']);
    writeFileSync(join(output, `${memberId(0)}.json`), readFileSync(join(output, `${memberId(2)}.json`)));
    const { code, stderr } = await runCli(['audit', '--snapshot', output]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `holds account ${memberId(2)}, but ${join(output, 'index.json')} lists it as account ${memberId(0)}`,
    );
  });
});

/** The error line and hint of a run that must not pass, with its exit code and what reached stdout. */
async function refused(
  args: string[],
): Promise<{ code: number; line: string; hint: string; stdout: string }> {
  const { code, stdout, stderr } = await runCli(args);
  const [line = '', hint = ''] = stderr.split('\n');
  return { code, line, hint: hint.trim(), stdout };
}

describe('nothing audited is never a pass: exit 2 with one line saying why', () => {
  const everyAccount = ['100000000000', memberId(0), memberId(1), memberId(2)].join(',');

  // Found from the account list, before any account is collected.
  test.each([
    [
      '--exclude-accounts excluding every account',
      ['--exclude-accounts', everyAccount],
      '--org: --exclude-accounts leaves no account of organization o-a1b2c3d4e5 to audit (it has 4)',
      'select at least one account of the organization.',
    ],
    [
      '--accounts and --exclude-accounts that cancel out',
      ['--accounts', memberId(0), '--exclude-accounts', memberId(0)],
      '--org: --accounts and --exclude-accounts leave no account of organization o-a1b2c3d4e5 to audit (it has 4)',
      'select at least one account of the organization.',
    ],
    [
      'a shard beyond the number of accounts (--shard 7/8 of 4 accounts)',
      ['--shard', '7/8'],
      '--shard 7/8 holds no account: organization o-a1b2c3d4e5 has 4 accounts to audit, fewer than 8 shards',
      'use at most 4 shards (--shard K/4).',
    ],
  ])('%s', async (_case, flags, line, hint) => {
    const run = await refused(['audit', '--org', ...flags, '--quiet']);
    expect(run).toEqual({
      code: 2,
      line: `iamspect: error: ${line}`,
      hint: `Nothing audited is never a pass: ${hint}`,
      stdout: '',
    });
    expect(session.fake.requests.count('sts:AssumeRole')).toBe(0);
  });

  test('--accounts naming only accounts that are not in the organization', async () => {
    const run = await refused(['audit', '--org', '--accounts', '111111111111', '--quiet']);
    expect([run.code, run.line, run.stdout]).toEqual([
      2,
      'iamspect: error: --accounts: 111111111111 is not in organization o-a1b2c3d4e5',
      '',
    ]);
  });

  test('every selected account SUSPENDED', async () => {
    await session.close();
    const world = organizationWorld({
      memberCount: 2,
      states: { [memberId(0)]: 'SUSPENDED', [memberId(1)]: 'PENDING_CLOSURE' },
    });
    session = await startSession(world.management);
    const run = await refused(['audit', '--org', '--exclude-accounts', MANAGEMENT_ACCOUNT_ID, '--quiet']);
    expect(run).toEqual({
      code: 2,
      line: `iamspect: error: --org: none of the 2 accounts to audit in organization o-a1b2c3d4e5 is ACTIVE (${memberId(0)} SUSPENDED; ${memberId(1)} PENDING_CLOSURE)`,
      hint: 'Nothing audited is never a pass: only ACTIVE accounts can be audited; select others with --accounts or --exclude-accounts.',
      stdout: '',
    });
  });

  test('every selected account failed: the reasons, not an empty report', async () => {
    const run = await refused(['audit', '--org', '--accounts', memberId(1), '--quiet']);
    expect(run.code).toBe(2);
    expect(run.line).toMatch(
      new RegExp(
        `^iamspect: error: --org: nothing audited: every account of the run failed or was skipped \\(${memberId(1)} failed: cannot assume role arn:aws:iam::${memberId(1)}:role/OrganizationAccountAccessRole.*\\)$`,
      ),
    );
    expect(run.hint).toBe('Nothing audited is never a pass: fix what the reasons say, then run again.');
    expect(run.stdout).toBe('');
  });

  test('--allow-incomplete does not turn a run of only failed accounts into a pass', async () => {
    const run = await refused(['audit', '--org', '--accounts', memberId(1), '--allow-incomplete', '--quiet']);
    expect(run.code).toBe(2);
  });

  test('collect --org writes no directory of no account', async () => {
    const output = join(directory, 'snapshots');
    const excluded = await refused(['collect', '--org', '--exclude-accounts', everyAccount, '-o', output]);
    expect([excluded.code, excluded.line]).toEqual([
      2,
      'iamspect: error: --org: --exclude-accounts leaves no account of organization o-a1b2c3d4e5 to audit (it has 4)',
    ]);
    const failed = await refused(['collect', '--org', '--accounts', memberId(1), '-o', output, '--quiet']);
    expect(failed.code).toBe(2);
    expect(failed.line).toMatch(
      `iamspect: error: --org: nothing collected: every account of the run failed or was skipped (${memberId(1)} failed: cannot assume role`,
    );
    expect(failed.hint).toBe('Nothing was written: fix what the reasons say, then run again.');
    expect(() => readdirSync(output)).toThrow();
  });

  test('a snapshot directory whose index lists no account', async () => {
    const output = join(directory, 'snapshots');
    await runCli(['collect', '--org', '-o', output, '--quiet']);
    const indexPath = join(output, 'index.json');
    const index = JSON.parse(readFileSync(indexPath, 'utf8'));
    writeFileSync(indexPath, JSON.stringify({ ...index, accounts: [] }));
    const run = await refused(['audit', '--snapshot', output]);
    expect(run).toEqual({
      code: 2,
      line: `iamspect: error: ${indexPath}: lists no account: nothing to audit`,
      hint: 'Nothing audited is never a pass: collect the organization again with: iamspect collect --org -o DIR.',
      stdout: '',
    });
  });

  test('a snapshot directory whose accounts all failed or were skipped', async () => {
    const output = join(directory, 'snapshots');
    await runCli(['collect', '--org', '-o', output, '--quiet']);
    const indexPath = join(output, 'index.json');
    const index = JSON.parse(readFileSync(indexPath, 'utf8'));
    const failed = index.accounts.filter((account: { status: string }) => account.status === 'failed');
    writeFileSync(indexPath, JSON.stringify({ ...index, accounts: failed }));
    const run = await refused(['audit', '--snapshot', output, '--allow-incomplete']);
    expect(run.code).toBe(2);
    expect(run.line).toMatch(
      `iamspect: error: ${output}: nothing audited: every account of the run failed or was skipped (${memberId(1)} failed: cannot assume role`,
    );
  });
});
