import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { applyBaseline } from '../../src/report/baseline.js';
import type { Report } from '../../src/report/model.js';
import { renderOcsf } from '../../src/report/ocsf.js';
import type { Severity } from '../../src/model/severity.js';
import { ACCOUNT, NOW } from '../builders/snapshot.js';
import { runCli } from '../cli-harness.js';
import {
  OTHER_ACCOUNT,
  accountRule,
  auditedSnapshot,
  buildReport,
  policyRule,
  rootKeyRule,
  templateRule,
  testRule,
  userMfaRule,
} from './report-fixture.js';

/** The attributes of an event the tests read (the schema checks the rest). */
interface OcsfEvent {
  activity_id: number;
  class_uid: number;
  category_uid: number;
  type_uid: number;
  severity_id: number;
  severity: string;
  status_id: number;
  status: string;
  status_detail?: string;
  message: string;
  time: number;
  metadata: { version: string; product: { name: string; vendor_name: string; version: string } };
  finding_info: { uid: string; title: string; desc: string; types: string[] };
  cloud: { provider: string; account: { uid: string; type_id: number } };
  resources: Array<{ uid: string; type: string; cloud_partition?: string }>;
  compliance?: { standards: string[]; control?: string; requirements: string[] };
  remediation: { desc: string; references: string[] };
}

const schema = JSON.parse(
  readFileSync(new URL('./ocsf/detection_finding-1.6.0.schema.json', import.meta.url), 'utf8'),
) as object;
const ajv = new Ajv({ allErrors: true, strict: true });
const validateEvent = ajv.compile(schema);

function events(report: Report): OcsfEvent[] {
  return JSON.parse(renderOcsf(report)) as OcsfEvent[];
}

/** Asserts every event conforms to the vendored OCSF schema, naming the first violations if not. */
function expectValidOcsf(list: unknown[]): void {
  const errors = list.flatMap((event, index) =>
    validateEvent(event)
      ? []
      : (validateEvent.errors ?? []).map((e) => `#${index}${e.instancePath} ${e.message}`),
  );
  expect(errors).toEqual([]);
}

const bobArn = `arn:aws:iam::${ACCOUNT}:user/bob`;

/** Two accounts, a suppression, a not-evaluated rule and a template location. */
function fullReport(): Report {
  return buildReport({
    rules: [rootKeyRule, userMfaRule, policyRule, accountRule, templateRule],
    accounts: [{ snapshot: auditedSnapshot() }, { snapshot: auditedSnapshot(OTHER_ACCOUNT) }],
    suppressions: [{ rule: 'test-user-mfa', resource: bobArn, reason: 'break-glass user, kept in a safe' }],
  });
}

const baseline = buildReport({ rules: [rootKeyRule, userMfaRule] });

/** Against `baseline`: the users' findings exist, test-account's is new, root's key was removed (fixed). */
function baselinedReport(): Report {
  const rerun = buildReport({ rules: [rootKeyRule, userMfaRule, accountRule] });
  const withoutRootKey = { ...rerun, findings: rerun.findings.filter((f) => f.ruleId !== 'test-root-key') };
  return applyBaseline(withoutRootKey, baseline);
}

describe('OCSF Detection Finding events', () => {
  test('every event of a full report, with a baseline, conforms to the OCSF 1.6.0 schema', () => {
    const list = [...events(fullReport()), ...events(baselinedReport())];
    expect(list.length).toBeGreaterThan(5);
    expectValidOcsf(list);
  });

  test('the schema rejects what OCSF does not define, so the validation above means something', () => {
    const [event] = events(fullReport());
    expect(validateEvent({ ...event, class_uid: 2001 })).toBe(false);
    expect(validateEvent({ ...event, severity_id: 7 })).toBe(false);
    expect(validateEvent({ ...event, finding_info: { ...event!.finding_info, uid: undefined } })).toBe(false);
    expect(validateEvent({ ...event, findings_info: event!.finding_info })).toBe(false);
  });

  test('one event per finding, suppressed ones included: class, category, activity and type ids of a new detection', () => {
    const report = fullReport();
    const list = events(report);
    expect(list).toHaveLength(report.findings.length);
    for (const event of list) {
      expect(event).toMatchObject({
        class_uid: 2004,
        class_name: 'Detection Finding',
        category_uid: 2,
        category_name: 'Findings',
        activity_id: 1,
        activity_name: 'Create',
        type_uid: 200401,
        type_name: 'Detection Finding: Create',
      });
    }
  });

  test('finding_info carries the fingerprint as uid, the rule title, the message and the rule id', () => {
    const report = fullReport();
    const finding = report.findings.find((f) => f.ruleId === 'test-root-key')!;
    const event = events(report).find((e) => e.finding_info.uid === finding.fingerprint)!;
    expect(event.finding_info).toMatchObject({
      uid: finding.fingerprint,
      title: 'Title of test-root-key',
      desc: 'Root user has an active access key.',
      types: ['test-root-key'],
      analytic: { uid: 'test-root-key', name: 'Title of test-root-key', type_id: 1, type: 'Rule' },
    });
    expect(event.message).toBe('Root user has an active access key.');
  });

  test.each<[Severity, number, string]>([
    ['critical', 5, 'Critical'],
    ['high', 4, 'High'],
    ['medium', 3, 'Medium'],
    ['low', 2, 'Low'],
    ['info', 1, 'Informational'],
  ])('severity %s is severity_id %i (%s)', (severity, id, caption) => {
    const rule = testRule('test-one', severity, [], (snapshot) => [
      { resource: `arn:aws:iam::${snapshot.accountId}:root`, message: 'One finding.' },
    ]);
    const [event] = events(buildReport({ rules: [rule] }));
    expect(event).toMatchObject({ severity_id: id, severity: caption });
  });

  test('a suppressed finding is status Suppressed with its reason; the others are New', () => {
    const list = events(fullReport());
    const bob = list.find(
      (e) => e.finding_info.types[0] === 'test-user-mfa' && e.resources[0]!.uid === bobArn,
    )!;
    expect(bob).toMatchObject({ status_id: 3, status: 'Suppressed' });
    expect(bob.status_detail).toBe('Suppressed: break-glass user, kept in a safe');
    const others = list.filter((e) => e !== bob);
    expect(others.every((e) => e.status_id === 1 && e.status === 'New')).toBe(true);
  });

  test('with a baseline: existing findings are Suppressed (accepted in the baseline), new ones New, fixed ones closed as Resolved', () => {
    const list = events(baselinedReport());
    const byRule = (id: string) => list.filter((e) => e.finding_info.types[0] === id);

    expect(byRule('test-user-mfa').map((e) => [e.status_id, e.status, e.status_detail])).toEqual([
      [3, 'Suppressed', 'In the baseline report'],
      [3, 'Suppressed', 'In the baseline report'],
    ]);
    expect(byRule('test-account').map((e) => [e.status_id, e.status])).toEqual([[1, 'New']]);
    const fixed = byRule('test-root-key');
    expect(fixed).toHaveLength(1);
    expect(fixed[0]).toMatchObject({
      activity_id: 3,
      activity_name: 'Close',
      type_uid: 200403,
      status_id: 4,
      status: 'Resolved',
      status_detail: 'Gone since the baseline report',
    });
    expect(fixed[0]!.finding_info.uid).toBe(
      baseline.findings.find((f) => f.ruleId === 'test-root-key')!.fingerprint,
    );
  });

  test('cloud names AWS and the account; resources carry the ARN, its partition and an AWS resource type', () => {
    const list = events(fullReport());
    const other = list.find((e) => e.cloud.account.uid === OTHER_ACCOUNT)!;
    expect(other.cloud).toEqual({
      provider: 'AWS',
      account: { uid: OTHER_ACCOUNT, type_id: 10, type: 'AWS Account' },
    });
    const typeOf = (arnEnd: string) => list.find((e) => e.resources[0]!.uid.endsWith(arnEnd))!.resources;
    expect(typeOf(':user/alice')).toEqual([
      { uid: `arn:aws:iam::${ACCOUNT}:user/alice`, type: 'AwsIamUser', cloud_partition: 'aws' },
    ]);
    expect(typeOf(':role/Deployer')[0]!.type).toBe('AwsIamRole');
    expect(typeOf(':root')[0]!.type).toBe('AwsAccount');
  });

  test.each([
    ['arn:aws:iam::123456789012:group/admins', 'AwsIamGroup'],
    ['arn:aws:iam::aws:policy/AdministratorAccess', 'AwsIamPolicy'],
    ['arn:aws-us-gov:iam::123456789012:policy/ci/deploy', 'AwsIamPolicy'],
    ['arn:aws:iam::123456789012:server-certificate/cloudfront/www', 'Other'],
    ['arn:aws:s3:::bucket-name', 'Other'],
  ])('resource %s has type %s', (resource, type) => {
    const rule = testRule('test-one', 'low', [], () => [{ resource, message: 'One finding.' }]);
    const [event] = events(buildReport({ rules: [rule] }));
    expect(event!.resources[0]!.type).toBe(type);
  });

  test('compliance lists the standards and every control id; control is the Security Hub control', () => {
    const [event] = events(fullReport());
    expect(event!.compliance).toEqual({
      standards: ['cis-aws-5.0', 'aws-security-hub'],
      control: 'IAM.22',
      requirements: ['cis-aws-5.0 1.11', 'aws-security-hub IAM.22'],
    });
  });

  test('a finding mapped to no framework has no compliance object', () => {
    const report = buildReport({ rules: [rootKeyRule] });
    const unmapped: Report = { ...report, findings: report.findings.map((f) => ({ ...f, frameworks: {} })) };
    const [event] = events(unmapped);
    expect(event!.compliance).toBeUndefined();
    expectValidOcsf([event]);
  });

  test('remediation is the rule documentation; time is the report time in ms; metadata names iamspect and OCSF 1.6.0', () => {
    const report = fullReport();
    const [event] = events(report);
    expect(event!.remediation).toEqual({
      desc: 'How to fix test-root-key.',
      references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html'],
    });
    expect(event!.time).toBe(Date.parse(NOW));
    expect(event!.metadata).toEqual({
      version: '1.6.0',
      profiles: ['cloud'],
      product: { name: 'iamspect', vendor_name: 'iamspect', version: report.tool.version },
    });
  });

  test('a report without findings is an empty array', () => {
    expect(JSON.parse(renderOcsf(buildReport({ rules: [policyRule] })))).toEqual([]);
  });
});

describe('--format ocsf on the command line', () => {
  test('audit --demo prints schema-valid OCSF, and --output ocsf=FILE writes the same events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamspect-ocsf-'));
    try {
      const file = join(dir, 'findings.ocsf.json');
      const result = await runCli(['audit', '--demo', '--format', 'ocsf', '--output', `ocsf=${file}`]);
      expect(result.code).toBe(0);
      const printed = JSON.parse(result.stdout) as OcsfEvent[];
      expect(printed.length).toBeGreaterThan(0);
      expectValidOcsf(printed);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(printed);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('merge prints the merged report as OCSF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamspect-ocsf-'));
    try {
      const part = join(dir, 'part.json');
      expect((await runCli(['audit', '--demo', '--output', `json=${part}`])).code).toBe(0);
      const merged = await runCli(['merge', part, '-o', join(dir, 'merged.json'), '--format', 'ocsf']);
      const direct = await runCli(['audit', '--demo', '--format', 'ocsf']);
      expect(merged.code).toBe(0);
      const uids = (out: string) => (JSON.parse(out) as OcsfEvent[]).map((e) => e.finding_info.uid);
      expect(uids(merged.stdout)).toEqual(uids(direct.stdout));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('template scans render OCSF too', async () => {
    const result = await runCli(['template', 'fixtures/templates/seed', '--format', 'ocsf']);
    const printed = JSON.parse(result.stdout) as OcsfEvent[];
    expect(printed.length).toBeGreaterThan(0);
    expectValidOcsf(printed);
  });
});
