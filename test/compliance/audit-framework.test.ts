// `audit --framework ID`: the per-control section of the JSON report, its statuses and notes,
// attestations from the config, and the errors for what cannot be right.
import { afterAll } from '@jest/globals';
import { join } from 'node:path';
import { runCli } from '../cli-harness.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';
import { isAttestationExpired } from '../../src/compliance/assess.js';
import type { ControlResult, Report } from '../../src/report/model.js';

afterAll(removeTempDirs);

async function audit(args: string[], config?: string) {
  const configArgs =
    config === undefined ? [] : ['--config', join(tempDirWith({ 'c.yml': config }), 'c.yml')];
  return runCli(['audit', '--demo', '--format', 'json', ...configArgs, ...args]);
}

async function controls(args: string[], config?: string): Promise<Record<string, ControlResult>> {
  const result = await audit(args, config);
  const report = JSON.parse(result.stdout) as Report;
  return Object.fromEntries(report.compliance![0]!.controls.map((control) => [control.id, control]));
}

describe('audit --framework', () => {
  test('lists every control of CIS v7.0 with its status, rules and findings', async () => {
    const result = await audit(['--framework', 'cis-aws-7.0']);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.compliance).toHaveLength(1);
    const [framework] = report.compliance!;
    expect(framework!.framework).toBe('cis-aws-7.0');
    expect(framework!.controls).toHaveLength(30);
    const byId = Object.fromEntries(framework!.controls.map((control) => [control.id, control]));
    expect(byId['2.4']).toMatchObject({ status: 'fail', rules: ['root-access-keys'], findings: 1 });
    expect(byId['2.5']).toMatchObject({ status: 'pass', rules: ['root-mfa'], findings: 0 });
    // The demo account is not an organization's management account.
    expect(byId['2.1.1']).toMatchObject({ status: 'not-applicable' });
    expect(byId['2.2']).toMatchObject({ status: 'fail', rules: ['account-contact-incomplete'], findings: 1 });
    expect(byId['2.19']).toMatchObject({
      status: 'fail',
      rules: ['identity-federation-missing'],
      findings: 1,
    });
    // Only the management account is judged for 2.1.3 and 2.1.6, and the demo is a member.
    expect(byId['2.1.3']).toMatchObject({ status: 'not-applicable', rules: ['management-account-hygiene'] });
    expect(byId['2.16']).toMatchObject({ status: 'fail', rules: ['ec2-instance-without-role'], findings: 1 });
    for (const id of ['2.1.4', '2.1.5']) {
      expect(byId[id]).toMatchObject({ status: 'manual', rules: [], findings: 0 });
      expect(byId[id]!.note).toMatch(/^no automated check yet/);
    }
  });

  test('the report of a run without --framework has no compliance section', async () => {
    const report = JSON.parse((await audit([])).stdout) as Report;
    expect(report.compliance).toBeUndefined();
  });

  test('frameworks in the config work as --framework, each framework once', async () => {
    const result = await audit(['--framework', 'aws-fsbp'], 'frameworks: [cis-aws-6.0, aws-fsbp]\n');
    const report = JSON.parse(result.stdout) as Report;
    expect(report.compliance!.map((framework) => framework.framework)).toEqual(['aws-fsbp', 'cis-aws-6.0']);
  });

  test('a loosened option makes its control not evaluated and says why; the benchmark value does not', async () => {
    const options = (days: number) =>
      `rules:\n  user-access-key-rotation:\n    options:\n      maxAgeDays: ${days}\n`;
    expect((await controls(['--framework', 'cis-aws-7.0'], options(90)))['2.12']).toMatchObject({
      status: 'fail',
      findings: 2,
    });
    expect((await controls(['--framework', 'cis-aws-7.0'], options(91)))['2.12']).toEqual({
      id: '2.12',
      title: 'Ensure access keys are rotated every 90 days or less',
      status: 'not-evaluated',
      rules: ['user-access-key-rotation'],
      findings: 0,
      note: 'user-access-key-rotation option maxAgeDays is 91; the benchmark asks for at most 90',
    });
  });

  test('unused credentials loosened to 90 days: CIS 2.11 is not evaluated, FSBP IAM.8 (90 days) still fails', async () => {
    const config = ['user-unused-access-key', 'user-unused-password']
      .map((rule) => `  ${rule}:\n    options:\n      maxUnusedDays: 90\n`)
      .join('');
    const result = await audit(
      ['--framework', 'cis-aws-7.0', '--framework', 'aws-fsbp'],
      `rules:\n${config}`,
    );
    const [cis, fsbp] = (JSON.parse(result.stdout) as Report).compliance!;
    expect(cis!.controls.find((control) => control.id === '2.11')).toMatchObject({
      status: 'not-evaluated',
      note:
        'user-unused-access-key option maxUnusedDays is 90; the benchmark asks for at most 45; ' +
        'user-unused-password option maxUnusedDays is 90; the benchmark asks for at most 45',
    });
    expect(fsbp!.controls.find((control) => control.id === 'IAM.8')).toMatchObject({ status: 'fail' });
  });

  test('a rule behind a control that was not run leaves it not evaluated', async () => {
    const byId = await controls(['--framework', 'cis-aws-7.0', '--exclude-rules', 'root-mfa']);
    expect(byId['2.5']).toMatchObject({
      status: 'not-evaluated',
      note: expect.stringMatching(/not run: root-mfa/),
    });
  });

  test('--rules adds to the framework rules instead of replacing them', async () => {
    const byId = await controls(['--framework', 'cis-aws-7.0', '--rules', 'user-virtual-mfa']);
    expect(byId['2.4']).toMatchObject({ status: 'fail', findings: 1 });
  });

  test('a control whose rule could not read its data is not evaluated, naming the missing section', async () => {
    const result = await runCli([
      'audit',
      '--aws-cli-dir',
      'fixtures/aws-cli/govcloud-partial',
      '--framework',
      'cis-aws-7.0',
      '--format',
      'json',
    ]);
    const report = JSON.parse(result.stdout) as Report;
    const control = report.compliance![0]!.controls.find((entry) => entry.id === '2.4');
    expect(control).toMatchObject({ status: 'not-evaluated', findings: 0 });
    expect(control!.note).toMatch(
      /^root-access-keys: accountSummary not collected \(iam:GetAccountSummary\)/,
    );
  });

  test('a report with a compliance section reads back as a baseline', async () => {
    const dir = tempDirWith({});
    const file = join(dir, 'report.json');
    expect((await audit(['--framework', 'cis-aws-7.0', '--output', `json=${file}`])).code).toBe(0);
    const again = await audit(['--framework', 'cis-aws-7.0', '--baseline', file]);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as Report).compliance![0]!.controls).toHaveLength(30);
  });

  test('an unknown framework is a usage error naming it', async () => {
    const result = await audit(['--framework', 'cis-aws-9.9']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--framework cis-aws-9.9: unknown framework');
  });
});

describe('attestations', () => {
  const attestation = (control: string, until: string) =>
    `attestations:\n  - framework: cis-aws-7.0\n    control: "${control}"\n    by: alice@example.com\n` +
    `    statement: OU structure reviewed with the platform team\n    until: ${until}\n`;

  test('a current attestation keeps a manual control manual, saying who and until when', async () => {
    const byId = await controls(['--framework', 'cis-aws-7.0'], attestation('2.1.4', '2999-12-31'));
    expect(byId['2.1.4']).toMatchObject({
      status: 'manual',
      note: 'attested by alice@example.com until 2999-12-31: OU structure reviewed with the platform team',
      attestation: {
        by: 'alice@example.com',
        statement: 'OU structure reviewed with the platform team',
        until: '2999-12-31',
      },
    });
  });

  test('an expired attestation counts as not evaluated and says since when', async () => {
    const byId = await controls(['--framework', 'cis-aws-7.0'], attestation('2.1.4', '2001-06-30'));
    expect(byId['2.1.4']).toMatchObject({
      status: 'not-evaluated',
      note: 'attestation by alice@example.com expired: it held until 2001-06-30',
    });
  });

  test('it holds through its last day (UTC)', () => {
    expect(isAttestationExpired({ until: '2026-12-01' }, new Date('2026-12-01T23:59:59Z'))).toBe(false);
    expect(isAttestationExpired({ until: '2026-12-01' }, new Date('2026-12-02T00:00:00Z'))).toBe(true);
  });

  test('an attestation of an unknown control is a config error naming it', async () => {
    const result = await audit([], attestation('2.99', '2999-12-31'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('attestations[0]: cis-aws-7.0 has no control "2.99"');
  });

  test('a control a rule checks cannot be attested', async () => {
    const result = await audit([], attestation('2.4', '2999-12-31'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'control 2.4 is checked by root-access-keys; only manual controls are attested',
    );
  });

  test('an attestation without a statement is refused', async () => {
    const result = await audit([], attestation('2.1.4', '2999-12-31').replace(/ {4}statement:.*\n/, ''));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('attestations[0].statement: a statement is required');
  });
});
