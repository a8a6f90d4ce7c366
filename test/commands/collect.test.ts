// `iamspect collect -o FILE` and `iamspect permissions`, run through commander as the CLI runs them.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { Command } from 'commander';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leastPrivilegePolicy } from '../../src/collect/permissions.js';
import { registerCollect } from '../../src/commands/collect.js';
import { registerPermissions } from '../../src/commands/permissions.js';
import { InputError } from '../../src/errors.js';
import { readSnapshotFile } from '../../src/snapshot/read-snapshot.js';
import { sampleAccount } from '../fake-aws/accounts.js';
import type { FakeSession } from '../collect/harness.js';
import { startSession } from '../collect/harness.js';
import { captureOutput } from '../builders/output.js';

interface Output {
  stdout: string;
  stderr: string;
}

/** Runs `args` on a program holding just these commands, capturing what they print. */
async function run(args: string[]): Promise<Output> {
  const program = new Command('iamspect').exitOverride();
  registerCollect(program);
  registerPermissions(program);
  const output = captureOutput();
  try {
    await program.parseAsync(args, { from: 'user' });
    return { stdout: output.stdout, stderr: output.stderr };
  } finally {
    output.restore();
  }
}

describe('iamspect collect', () => {
  let session: FakeSession;
  let directory: string;
  beforeEach(async () => {
    // A report generated within the last 4 hours, so the command's real clock never waits.
    session = await startSession(
      sampleAccount({ passwordPolicy: null, credentialReport: { status: 'complete' } }),
    );
    directory = mkdtempSync(join(tmpdir(), 'iamspect-collect-'));
  });
  afterEach(async () => {
    await session.close();
    rmSync(directory, { recursive: true, force: true });
  });

  test('writes the snapshot file that audit reads, and says what it wrote', async () => {
    const file = join(directory, 'snapshot.json');
    session.fake.faults.deny('iam:ListServerCertificates');
    const { stderr, stdout } = await run(['collect', '-o', file]);

    const snapshot = readSnapshotFile(file);
    expect(snapshot).toMatchObject({ accountId: '123456789012', partition: 'aws', source: { kind: 'live' } });
    expect(snapshot.sections.passwordPolicy).toEqual({ status: 'ok', data: null });
    expect(readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `Wrote ${file}: account 123456789012 (acme-prod): 32 sections ok; serverCertificates denied (iam:ListServerCertificates)\n`,
    );
  });

  test('--quiet prints nothing', async () => {
    const { stderr } = await run(['collect', '-o', join(directory, 'snapshot.json'), '--quiet']);
    expect(stderr).toBe('');
  });

  test('a directory that does not exist is an InputError before any AWS call', async () => {
    const file = join(directory, 'missing', 'snapshot.json');
    await expect(run(['collect', '-o', file])).rejects.toThrow(InputError);
    await expect(run(['collect', '-o', file])).rejects.toThrow(
      `--output ${file}: directory ${join(directory, 'missing')} does not exist`,
    );
    expect(session.fake.requests.total()).toBe(0);
  });

  test('a bad flag is an InputError before any AWS call', async () => {
    await expect(run(['collect', '-o', join(directory, 's.json'), '--max-attempts', 'lots'])).rejects.toThrow(
      '--max-attempts: expected a whole number from 1 to 50, got "lots"',
    );
    expect(session.fake.requests.total()).toBe(0);
  });
});

describe('iamspect permissions', () => {
  test('prints the least-privilege policy as JSON on stdout, and nothing else', async () => {
    const { stdout, stderr } = await run(['permissions']);
    expect(JSON.parse(stdout)).toEqual(leastPrivilegePolicy());
    expect(stdout).toBe(`${JSON.stringify(leastPrivilegePolicy(), null, 2)}\n`);
    expect(stderr).toBe('');
  });
});
