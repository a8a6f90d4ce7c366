// Collection follows the rule selection (issue 11): only the sections the selected rules read are
// collected, a snapshot says which were not requested, and --regions limits the regional sections
// while every output names the enabled regions left out.
import { afterEach, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECTION_COLLECTORS } from '../../src/collect/index.js';
import { sectionsToCollect } from '../../src/collect/selection.js';
import { RULES } from '../../src/rules/index.js';
import { readSnapshotFile } from '../../src/snapshot/read-snapshot.js';
import { runCli } from '../cli-harness.js';
import type { FakeAccountInit } from '../fake-aws/model.js';
import { fakeAccount } from '../fake-aws/model.js';
import type { FakeSession } from './harness.js';
import { IAM_RULES, IAM_SECTIONS } from './harness.js';
import { sessionPerTest } from './session-per-test.js';

const sessions = sessionPerTest();
let directory: string | undefined;
afterEach(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
  directory = undefined;
});

/** A fresh credential report (no real waiting in CLI runs) and three enabled regions. */
async function start(init: FakeAccountInit = {}): Promise<FakeSession> {
  return sessions.start(
    fakeAccount({
      credentialReport: { status: 'complete' },
      regions: [
        { name: 'eu-west-1', optStatus: 'ENABLED_BY_DEFAULT' },
        { name: 'us-east-1', optStatus: 'ENABLED_BY_DEFAULT' },
        { name: 'us-west-2', optStatus: 'ENABLED_BY_DEFAULT' },
        { name: 'af-south-1', optStatus: 'DISABLED' },
      ],
      ...init,
    }),
  );
}

function file(name: string): string {
  directory ??= mkdtempSync(join(tmpdir(), 'iamspect-selection-'));
  return join(directory, name);
}

const NOT_IAM = /^(config|access-analyzer|cloudwatch|account|ec2|organizations):/;

describe('the selected rules decide what is collected', () => {
  test('an IAM-only selection sends nothing to Config, Access Analyzer, CloudWatch, Account, EC2 or Organizations', async () => {
    const { fake, collect } = await start();
    const snapshot = await collect({ sections: sectionsToCollect(IAM_RULES) });

    expect(fake.requests.actions().filter((action) => NOT_IAM.test(action))).toEqual([]);
    // What names the account is always read.
    expect(fake.requests.count('sts:GetCallerIdentity')).toBe(1);
    expect(fake.requests.count('iam:ListAccountAliases')).toBe(1);
    expect(snapshot.accountAlias).toBeNull();
    for (const name of IAM_SECTIONS) expect(snapshot.sections[name]?.status).toBe('ok');
    expect(snapshot.sections.configRecorders).toEqual({
      status: 'skipped',
      error: expect.objectContaining({
        code: 'NotRequested',
        message: expect.stringMatching(/^not requested/),
      }),
    });
  });

  test('a regional section brings the regions it was scanned against', () => {
    expect(sectionsToCollect(RULES.filter((rule) => rule.id === 'config-delivery-failing'))).toEqual([
      'regions',
      'configDeliveryStatus',
    ]);
  });

  test('audit --rules collects live only what those rules need', async () => {
    const { fake } = await start();
    const result = await runCli(['audit', '--rules', 'root-mfa', '--quiet', '-f', 'json']);
    expect(result.code).toBe(0);
    // root-mfa reads the credential report and the account summary.
    expect(fake.requests.actions()).toEqual([
      'iam:GenerateCredentialReport',
      'iam:GetAccountSummary',
      'iam:GetCredentialReport',
      'iam:ListAccountAliases',
      'sts:GetCallerIdentity',
    ]);
  });

  test('collect --rules writes the others as not requested; auditing one of them says so (exit 3)', async () => {
    const { fake } = await start();
    const snapshotFile = file('iam.json');
    const collected = await runCli(['collect', '-o', snapshotFile, '--rules', 'root-mfa', '--quiet']);
    expect(collected.code).toBe(0);
    expect(fake.requests.actions().filter((action) => NOT_IAM.test(action))).toEqual([]);
    expect(readSnapshotFile(snapshotFile).sections.accessAnalyzers?.error?.code).toBe('NotRequested');

    const audited = await runCli([
      'audit',
      '--snapshot',
      snapshotFile,
      '--rules',
      'access-analyzer-disabled',
      '-f',
      'json',
    ]);
    expect(audited.code).toBe(3);
    const report = JSON.parse(audited.stdout) as { notEvaluated: Array<{ ruleId: string; reason: string }> };
    expect(report.notEvaluated).toEqual([
      expect.objectContaining({
        ruleId: 'access-analyzer-disabled',
        reason: expect.stringContaining('accessAnalyzers not collected: not requested'),
      }),
    ]);
  });

  test('collect --rules takes a plugin rule (with --plugin) and collects only what it needs', async () => {
    const { fake } = await start();
    const plugin = file('plugin.mjs');
    writeFileSync(
      plugin,
      "export default { name: 'acme', rules: [{ id: 'summary', title: 't', severity: 'low', needs: ['accountSummary'], " +
        "docs: { rationale: 'r', remediation: 'f', references: [] }, check: () => [] }] };",
    );
    const args = ['collect', '-o', file('acme.json'), '--rules', 'acme/summary', '--quiet'];
    const unknown = await runCli(args);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--rules: unknown rule id "acme/summary"');
    expect(fake.requests.total()).toBe(0);

    const collected = await runCli([...args, '--plugin', plugin]);
    expect(collected).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(fake.requests.actions()).toEqual([
      'iam:GetAccountSummary',
      'iam:ListAccountAliases',
      'sts:GetCallerIdentity',
    ]);
  });

  test('collect with no selection collects every section', async () => {
    await start();
    const snapshotFile = file('all.json');
    expect((await runCli(['collect', '-o', snapshotFile, '--quiet'])).code).toBe(0);
    const statuses = Object.values(readSnapshotFile(snapshotFile).sections).map((section) => section.status);
    expect(statuses).not.toContain('skipped');
    expect(statuses.length).toBe(SECTION_COLLECTORS.length);
  });

  test('collect --exclude-rules keeps every section some other rule reads', async () => {
    await start();
    const snapshotFile = file('most.json');
    const result = await runCli([
      'collect',
      '-o',
      snapshotFile,
      '--exclude-rules',
      'billing-alarm-missing',
      '--quiet',
    ]);
    expect(result.code).toBe(0);
    const { sections } = readSnapshotFile(snapshotFile);
    expect(sections.billingAlarms?.error?.code).toBe('NotRequested');
    expect(sections.accessAnalyzers?.status).toBe('ok');
  });
});

describe('--regions', () => {
  const REGIONAL = /^(config|access-analyzer):/;

  test('regional requests go to the listed regions only; the others enabled are recorded as left out', async () => {
    const { fake, collect } = await start();
    const snapshot = await collect({ regions: ['eu-west-1'] });

    const regional = fake.requests.entries.filter((entry) => REGIONAL.test(entry.action));
    expect(regional.length).toBeGreaterThan(0);
    expect(new Set(regional.map((entry) => entry.signingRegion))).toEqual(new Set(['eu-west-1']));
    expect(snapshot.sections.accessAnalyzers?.data?.map((region) => region.region)).toEqual(['eu-west-1']);
    expect(
      snapshot.sections.regions?.data?.filter((region) => region.leftOut).map((region) => region.name),
    ).toEqual(['us-east-1', 'us-west-2']);
  });

  test('audit: rules judge the listed regions only, and every output names the enabled regions left out', async () => {
    await start({ regional: {} });
    const json = file('report.json');
    const sarif = file('report.sarif');
    const result = await runCli([
      'audit',
      '--regions',
      'eu-west-1',
      '--rules',
      'access-analyzer-disabled',
      '--quiet',
      '-o',
      `json=${json}`,
      '-o',
      `sarif=${sarif}`,
    ]);
    expect(result.code).toBe(0);
    const warning =
      'account 123456789012: --regions left out enabled regions us-east-1, us-west-2: regional rules judged eu-west-1 only';
    expect(result.stdout).toContain(warning);
    const report = readJson(json) as { warnings: string[]; findings: Array<{ discriminator: string }> };
    expect(report.warnings).toContain(warning);
    expect(report.findings.map((finding) => finding.discriminator)).toEqual(['eu-west-1']);
    expect(JSON.stringify(readJson(sarif))).toContain(warning);
  });

  test('a region that is not enabled is a usage error naming it and the enabled ones (exit 2)', async () => {
    await start();
    const result = await runCli(['audit', '--regions', 'eu-west-1,af-south-1', '--quiet']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'iamspect: error: --regions: af-south-1 is not enabled in account 123456789012; enabled regions: eu-west-1, us-east-1, us-west-2',
    );
  });

  test('a name that is not a region is refused before any AWS call', async () => {
    const { fake } = await start();
    const result = await runCli(['audit', '--regions', 'eu-west-1,Ireland', '--quiet']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--regions: "Ireland" is not a region name');
    expect(fake.requests.total()).toBe(0);
  });
});

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}
