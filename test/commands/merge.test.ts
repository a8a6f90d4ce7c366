// `iamspect merge REPORT... -o FILE`, run through commander as the CLI runs it: what it writes,
// prints and exits with, and the clear errors for parts that do not belong together.
import { describe, expect, test } from '@jest/globals';
import { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerMerge } from '../../src/commands/merge.js';
import { evaluate } from '../../src/engine/report.js';
import { resolveRules } from '../../src/engine/resolve-rules.js';
import { InputError } from '../../src/errors.js';
import { mergeReports } from '../../src/engine/merge.js';
import type { Report } from '../../src/report/model.js';
import { readReportFile } from '../../src/report/read-report.js';
import { securityContactMissing } from '../../src/rules/account/security-contact-missing.js';
import { emptySnapshot, NOW, withSection } from '../builders/snapshot.js';
import { useTempDir } from '../builders/temp-dir.js';
import { captureOutput } from '../builders/output.js';
import { inputErrorOf } from '../builders/errors.js';

const directory = useTempDir('iamspect-merge-');

/** The report of one account (without a security contact when `exposed`), or of an account that failed. */
function reportOf(
  accountId: string,
  outcome: 'exposed' | 'clean' | 'failed',
  failOn: Report['failOn'] = 'high',
): Report {
  const rules = resolveRules([securityContactMissing], {});
  const account =
    outcome === 'failed'
      ? { accountId, partition: 'aws', status: 'failed' as const, reason: 'cannot assume role' }
      : {
          snapshot: withSection(emptySnapshot({ accountId }), 'alternateContacts', {
            security:
              outcome === 'exposed'
                ? null
                : { name: 'Security', emailAddress: 'sec@example.com', phoneNumber: null, title: null },
          }),
        };
  return evaluate([account], rules, { today: new Date(NOW), failOn });
}

function write(name: string, report: Report | object): string {
  const file = join(directory(), name);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

/** `report` as shard `index` of `count` records itself (audit --org --shard K/N). */
function shard(report: Report, index: number, count: number): Report {
  return { ...report, run: { shard: { index, count } } };
}

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function merge(args: string[]): Promise<Result> {
  const program = new Command('iamspect').exitOverride();
  registerMerge(program);
  const output = captureOutput();
  const previous = process.exitCode;
  try {
    await program.parseAsync(['merge', ...args], { from: 'user' });
    return { code: Number(process.exitCode ?? 0), stdout: output.stdout, stderr: output.stderr };
  } finally {
    output.restore();
    process.exitCode = previous;
  }
}

describe('iamspect merge', () => {
  test('writes one report of every account, ordered and summarised as one run, prints it and exits as audit would', async () => {
    const a = write('a.json', reportOf('222222222222', 'exposed', 'medium'));
    const b = write('b.json', reportOf('111111111111', 'clean', 'medium'));
    const output = join(directory(), 'merged.json');
    const { code, stdout } = await merge([a, b, '-o', output, '--format', 'json']);

    const merged = readReportFile(output);
    expect(merged.accounts.map((account) => account.accountId)).toEqual(['111111111111', '222222222222']);
    expect(merged.findings.map((finding) => [finding.accountId, finding.ruleId])).toEqual([
      ['222222222222', 'security-contact-missing'],
    ]);
    expect(merged.summary).toMatchObject({
      findings: 1,
      failing: 1,
      accounts: { audited: 2, failed: 0, skipped: 0 },
    });
    expect(JSON.parse(stdout)).toEqual(JSON.parse(readFileSync(output, 'utf8')));
    expect(code).toBe(1);
  });

  test('a failed account in any part makes the merged run incomplete: exit 3, or 0 with --allow-incomplete', async () => {
    const a = write('a.json', reportOf('111111111111', 'clean'));
    const b = write('b.json', reportOf('222222222222', 'failed'));
    const output = join(directory(), 'merged.json');
    expect((await merge([a, b, '-o', output])).code).toBe(3);
    expect((await merge([a, b, '-o', output, '--allow-incomplete'])).code).toBe(0);
    expect(readReportFile(output).summary.accounts).toEqual({ audited: 1, failed: 1, skipped: 0 });
  });

  test('reports that together audited no account are refused: nothing audited is never a pass', async () => {
    const a = write('a.json', reportOf('111111111111', 'failed'));
    const b = write('b.json', reportOf('222222222222', 'failed'));
    const output = join(directory(), 'merged.json');
    await expect(merge([a, b, '-o', output, '--allow-incomplete'])).rejects.toEqual(
      new InputError(
        'merge: nothing audited: every account of the reports failed or was skipped (111111111111 failed: cannot assume role; 222222222222 failed: cannot assume role)',
        'Nothing audited is never a pass: merge the reports of runs that audited accounts.',
      ),
    );
    expect(() => readFileSync(output)).toThrow();
  });

  test('an account in two reports is refused, naming both files', async () => {
    const a = write('a.json', reportOf('111111111111', 'clean'));
    const b = write('b.json', reportOf('111111111111', 'exposed'));
    await expect(merge([a, b, '-o', join(directory(), 'out.json')])).rejects.toEqual(
      new InputError(
        `account 111111111111 is in both ${a} and ${b}`,
        'Each account must be in exactly one report: merge the shards of one run (--shard 1/N ... N/N), each once.',
      ),
    );
  });

  // merge reads each file as diff and --baseline do, so a wrong file gets the same message and hint.
  test.each([
    ['a SARIF file', { version: '2.1.0', runs: [] }, 'this is a SARIF file, not an iamspect JSON report'],
    ['JSON of another kind', { hello: 1 }, 'not an iamspect report (no schemaVersion field)'],
    [
      'a report of a newer format',
      { ...reportOf('222222222222', 'clean'), schemaVersion: 9 },
      'schemaVersion 9 is not supported by',
    ],
  ])('%s is refused by name as diff refuses it', async (_case, content, message) => {
    const a = write('a.json', reportOf('111111111111', 'clean'));
    const b = write('b.json', content);
    const refusal = await merge([a, b, '-o', join(directory(), 'out.json')]).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(InputError);
    expect((refusal as InputError).message).toContain(`${b}: ${message}`);
    expect(refusal).toEqual(inputErrorOf(() => readReportFile(b)));
  });

  test.each([
    ['a missing file', () => join(directory(), 'missing.json'), 'report file not found'],
    [
      'a file that is not JSON',
      () => {
        const file = join(directory(), 'cut.json');
        writeFileSync(file, '{"schemaVersion": 1,');
        return file;
      },
      'truncated',
    ],
  ])('%s is refused with the hint on how to get a report', async (_case, path, message) => {
    const a = write('a.json', reportOf('111111111111', 'clean'));
    const b = path();
    const refusal = await merge([a, b, '-o', join(directory(), 'out.json')]).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ name: 'InputError', message: expect.stringContaining(message) });
    expect((refusal as InputError).hint).toContain('--output json=FILE');
  });

  test('reports evaluated with different --fail-on are refused, naming both files', async () => {
    const a = write('a.json', reportOf('111111111111', 'clean', 'high'));
    const b = write('b.json', reportOf('222222222222', 'clean', 'low'));
    await expect(merge([a, b, '-o', join(directory(), 'out.json')])).rejects.toMatchObject({
      name: 'InputError',
      message: `${a} was evaluated with --fail-on high, ${b} with --fail-on low`,
    });
  });

  test('a file that is not a report is refused by name, and nothing is written', async () => {
    const a = write('a.json', reportOf('111111111111', 'clean'));
    const b = write('b.json', { version: '2.1.0', runs: [] });
    const output = join(directory(), 'out.json');
    await expect(merge([a, b, '-o', output])).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(b),
    });
    expect(() => readFileSync(output)).toThrow();
  });
});

test('mergeReports keeps the not-evaluated rules and rule errors of each part, in account order', () => {
  const late = reportOf('222222222222', 'clean');
  const early = reportOf('111111111111', 'clean');
  late.notEvaluated.push({ ruleId: 'x', accountId: '222222222222', reason: 'r', sections: [] });
  early.ruleErrors.push({ ruleId: 'y', accountId: '111111111111', message: 'boom' });
  const merged = mergeReports([
    { file: 'late.json', report: late },
    { file: 'early.json', report: early },
  ]);
  expect([
    merged.notEvaluated.map((entry) => entry.accountId),
    merged.ruleErrors.map((entry) => entry.accountId),
  ]).toEqual([['222222222222'], ['111111111111']]);
  expect(merged.summary).toMatchObject({ notEvaluated: 1, ruleErrors: 1 });
});

describe('merging shards: every shard of the run, once', () => {
  const accounts = ['111111111111', '222222222222', '333333333333', '444444444444'];
  /** Shard `index` of `count`: account `index` of the list, clean, or exposed (failing at medium) when asked. */
  function shardFile(index: number, count: number, outcome: 'clean' | 'exposed' = 'clean'): string {
    return write(
      `shard-${index}-of-${count}.json`,
      shard(reportOf(accounts[index - 1]!, outcome, 'medium'), index, count),
    );
  }
  const output = () => join(directory(), 'merged.json');

  test('all shards: one report like an unsharded run, which records no shard', async () => {
    const { code } = await merge([shardFile(1, 3), shardFile(2, 3), shardFile(3, 3), '-o', output()]);
    expect(code).toBe(0);
    const merged = readReportFile(output());
    expect(merged.run).toBeUndefined();
    expect(merged.accounts.map((account) => account.accountId)).toEqual(accounts.slice(0, 3));
  });

  test.each([
    [
      'a missing shard',
      () => [shardFile(1, 3), shardFile(3, 3)],
      () => 'shard 2/3 is missing (given: 1/3, 3/3): its accounts would not be in the report',
      'Pass the report of every shard, or --allow-partial to merge these anyway (the report then counts as incomplete).',
    ],
    [
      'missing shards',
      () => [shardFile(3, 4), shardFile(1, 4)],
      () => 'shards 2/4 and 4/4 are missing (given: 1/4, 3/4): their accounts would not be in the report',
      'Pass the report of every shard, or --allow-partial to merge these anyway (the report then counts as incomplete).',
    ],
    [
      'the same shard twice',
      () => [
        shardFile(1, 2),
        shardFile(2, 2),
        write('again.json', shard(reportOf('555555555555', 'clean', 'medium'), 2, 2)),
      ],
      () =>
        `shard 2/2 is given twice: ${join(directory(), 'shard-2-of-2.json')} and ${join(directory(), 'again.json')}`,
      "Pass each shard's report once.",
    ],
    [
      'shards of different counts',
      () => [shardFile(1, 2), shardFile(2, 3)],
      () =>
        `${join(directory(), 'shard-1-of-2.json')} is shard 1/2 and ${join(directory(), 'shard-2-of-3.json')} is shard 2/3: shards of different splits`,
      'Merge the shards of one run, every job run with the same N in --shard K/N.',
    ],
    [
      'a shard with a report that is not one',
      () => [shardFile(1, 2), write('whole.json', reportOf('555555555555', 'clean', 'medium'))],
      () =>
        `${join(directory(), 'shard-1-of-2.json')} is shard 1/2 of a sharded run, but ${join(directory(), 'whole.json')} is not a shard`,
      'Merge the shard reports of one run on their own.',
    ],
  ])('%s is refused (exit 2) with the reason', async (_case, files, message, hint) => {
    await expect(merge([...files(), '-o', output()])).rejects.toEqual(new InputError(message(), hint));
    expect(() => readFileSync(output())).toThrow();
  });

  test('--allow-partial merges what is there; the report and stderr name the missing shards, and it is incomplete', async () => {
    const files = [shardFile(1, 4), shardFile(3, 4)];
    const warning =
      'Shards 2/4 and 4/4 are missing from this merge (--allow-partial): their accounts were not audited.';
    const partial = await merge([...files, '-o', output(), '--allow-partial', '--format', 'json']);
    expect(partial.code).toBe(3);
    expect(partial.stderr).toBe(`iamspect: warning: ${warning}\n`);
    const merged = readReportFile(output());
    expect(merged.run).toEqual({ partial: { shards: 4, missing: [2, 4] } });
    expect(merged.warnings).toContain(warning);
    expect((await merge([...files, '-o', output(), '--allow-partial', '--allow-incomplete'])).code).toBe(0);
    const exposed = [shardFile(1, 4, 'exposed'), shardFile(3, 4)];
    expect((await merge([...exposed, '-o', output(), '--allow-partial'])).code).toBe(1);
  });

  test('the markdown verdict of a partial merge says it is incomplete', async () => {
    const { stdout } = await merge([
      shardFile(2, 2),
      '-o',
      output(),
      '--allow-partial',
      '--format',
      'markdown',
    ]);
    expect(stdout).toContain('Incomplete: shard 1/2 is missing.');
  });
});
