// A partial AWS CLI output must never read as "zero items": each case copies the demo directory,
// spoils one file the way a real save goes wrong (an empty answer, a missing key, one page of
// several), and audits it through the CLI. The spoiled section is an error naming the file, its
// rules are not evaluated, and the run is incomplete (exit 3) where the whole demo exits 0.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Json } from './mutate-json.js';
import { runCli } from '../cli-harness.js';
import { packageRoot } from '../../src/util/package-root.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';

afterEach(removeTempDirs);

const demoDir = join(packageRoot(), 'fixtures', 'demo');
/** The demo's AWS CLI outputs, without demo.json (which pins the demo's account and time). */
const demoFiles: Record<string, string> = Object.fromEntries(
  readdirSync(demoDir)
    .filter((name) => name !== 'demo.json')
    .map((name) => [name, readFileSync(join(demoDir, name), 'utf8')]),
);

const GAAD = 'get-account-authorization-details.json';

/** The demo's output `name`, parsed, for a test to change. */
function demoJson(name: string): { [key: string]: Json } {
  return JSON.parse(demoFiles[name]!) as { [key: string]: Json };
}

/** A copy of the demo directory with `name` replaced by `content` (JSON unless a string). */
function demoWith(name: string, content: Json): string {
  return tempDirWith({
    ...demoFiles,
    [name]: typeof content === 'string' ? content : JSON.stringify(content),
  });
}

interface JsonReport {
  accounts: Array<{
    collectedAt: string;
    source: { kind: string; path?: string; collectedAtFrom?: string };
    sections: Record<string, { status: string; error?: { code: string; message: string } }>;
  }>;
  notEvaluated: Array<{ ruleId: string; reason: string }>;
}

async function audit(dir: string): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const result = await runCli(['audit', '--aws-cli-dir', dir, '--fail-on', 'none', '--format', 'json']);
  return { code: result.code, report: JSON.parse(result.stdout) as JsonReport, stderr: result.stderr };
}

/** Audits `dir` and checks that `section` failed naming `file`, with its rules not evaluated and exit 3. */
async function expectPartial(dir: string, section: string, file: string, says: string): Promise<void> {
  const { code, report } = await audit(dir);
  const status = report.accounts[0]!.sections[section];
  expect(status?.status).toBe('error');
  expect(status?.error?.message).toContain(`${join(dir, file)}`);
  expect(status?.error?.message).toContain(says);
  const reasons = report.notEvaluated.map((entry) => entry.reason);
  expect(reasons.length).toBeGreaterThan(0);
  expect(reasons.some((reason) => reason.includes(join(dir, file)))).toBe(true);
  expect(code).toBe(3);
}

const withoutKey = (name: string, key: string): Json => {
  const output = demoJson(name);
  delete output[key];
  return output;
};

describe('the demo copy this file spoils', () => {
  it('audits completely: exit 0 with --fail-on none, every rule evaluated', async () => {
    const { code, report } = await audit(tempDirWith(demoFiles));
    expect(report.notEvaluated).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('an output without what the API always returns is an error section, not zero items', () => {
  it.each<[string, string, string, Json, string]>([
    ['authorization details of {}', 'authorizationDetails', GAAD, {}, 'no UserDetailList'],
    ['authorization details of []', 'authorizationDetails', GAAD, [], 'holds no pages'],
    ['authorization details of [{}]', 'authorizationDetails', GAAD, [{}], 'page 1: no UserDetailList'],
    [
      'authorization details without UserDetailList',
      'authorizationDetails',
      GAAD,
      withoutKey(GAAD, 'UserDetailList'),
      'no UserDetailList',
    ],
    [
      'authorization details without Policies',
      'authorizationDetails',
      GAAD,
      withoutKey(GAAD, 'Policies'),
      'no Policies',
    ],
    [
      'a managed policy version without its Document',
      'authorizationDetails',
      GAAD,
      (() => {
        const output = demoJson(GAAD) as {
          Policies: Array<{ PolicyVersionList: Array<Record<string, Json>> }>;
        };
        delete output.Policies[2]!.PolicyVersionList[1]!.Document;
        return output as unknown as Json;
      })(),
      'no Policies[2].PolicyVersionList[1].Document',
    ],
    [
      'UserDetailList of the wrong type',
      'authorizationDetails',
      GAAD,
      { ...demoJson(GAAD), UserDetailList: 'admin' },
      'UserDetailList is a string, not a list',
    ],
    ['virtual MFA devices of []', 'virtualMfaDevices', 'list-virtual-mfa-devices.json', [], 'holds no pages'],
    [
      'server certificates of []',
      'serverCertificates',
      'list-server-certificates.json',
      [],
      'holds no pages',
    ],
    ['regions of {}', 'regions', 'list-regions.json', {}, 'no Regions'],
    [
      'a delivery-channel status of {}',
      'configDeliveryStatus',
      'describe-delivery-channel-status.us-east-1.json',
      {},
      'no DeliveryChannelsStatus',
    ],
    [
      'a configuration-recorder list that is a list',
      'configRecorders',
      'describe-configuration-recorders.eu-west-1.json',
      [],
      'holds a list where an object belongs',
    ],
    ['an account summary of {}', 'accountSummary', 'get-account-summary.json', {}, 'no SummaryMap'],
    ['an analyzer list of {}', 'accessAnalyzers', 'list-analyzers.eu-west-1.json', {}, 'no analyzers'],
  ])('%s', async (_label, section, file, content, says) => {
    await expectPartial(demoWith(file, content), section, file, says);
  });
});

describe('one page of several is an error naming the file and how to save every page', () => {
  it.each<[string, string, string, Json, string]>([
    [
      'authorization details saved with --no-paginate (IsTruncated and Marker)',
      'authorizationDetails',
      GAAD,
      { ...demoJson(GAAD), IsTruncated: true, Marker: 'AAEAAc3Vw' },
      'more pages follow (IsTruncated, Marker)',
    ],
    [
      'the last of several raw pages still says more follow',
      'authorizationDetails',
      GAAD,
      [demoJson(GAAD), { ...demoJson(GAAD), IsTruncated: false, Marker: 'AAEAAc3Vw' }],
      'page 2: more pages follow (Marker)',
    ],
    [
      'virtual MFA devices saved with --max-items (NextToken)',
      'virtualMfaDevices',
      'list-virtual-mfa-devices.json',
      { ...demoJson('list-virtual-mfa-devices.json'), NextToken: 'eyJNYXJrZXIiOiBudWxsfQ==' },
      'more pages follow (NextToken)',
    ],
    [
      'regions saved with --max-items (NextToken)',
      'regions',
      'list-regions.json',
      { ...demoJson('list-regions.json'), NextToken: 'eyJOZXh0VG9rZW4iOiBudWxsfQ==' },
      'more pages follow (NextToken)',
    ],
    [
      'analyzers saved with --no-paginate (nextToken)',
      'accessAnalyzers',
      'list-analyzers.eu-west-1.json',
      { ...demoJson('list-analyzers.eu-west-1.json'), nextToken: 'abc' },
      'more pages follow (nextToken)',
    ],
    [
      'alarms saved with --max-items (NextToken)',
      'billingAlarms',
      'describe-alarms.json',
      { ...demoJson('describe-alarms.json'), NextToken: 'abc' },
      'more pages follow (NextToken)',
    ],
  ])('%s', async (_label, section, file, content, says) => {
    const dir = demoWith(file, content);
    await expectPartial(dir, section, file, says);
    const { report } = await audit(dir);
    expect(report.accounts[0]!.sections[section]?.error?.message).toContain(
      'without --max-items or --no-paginate, so that the AWS CLI saves every page',
    );
  });
});

describe('the credential report and the authorization details must list the same users', () => {
  it('a user in the report that the authorization details lack makes the details an error', async () => {
    const details = demoJson(GAAD) as { UserDetailList: Array<{ UserName: string }> };
    details.UserDetailList = details.UserDetailList.filter(
      (user) => user.UserName !== 'j.morrison' && user.UserName !== 'admin',
    );
    const dir = demoWith(GAAD, details as unknown as Json);
    await expectPartial(dir, 'authorizationDetails', GAAD, 'get-credential-report.json');
    const { report } = await audit(dir);
    const message = report.accounts[0]!.sections.authorizationDetails?.error?.message;
    expect(message).toContain('2 users');
    expect(message).toContain('j.morrison, admin');
    expect(message).toContain('stale or partial');
  });
});

/** The demo's credential report with `edit` applied to its CSV lines (the header is line 0). */
function reportWithLines(edit: (lines: string[]) => string[]): Json {
  const report = demoJson('get-credential-report.json') as { Content: string };
  const lines = Buffer.from(report.Content, 'base64').toString('utf8').split('\n');
  return { ...report, Content: Buffer.from(edit(lines).join('\n')).toString('base64') } as unknown as Json;
}

describe('a credential report that lacks users the authorization details say it must list', () => {
  it('a report cut at a line end (users created before it was generated are missing) is an error', async () => {
    const cut = reportWithLines((lines) => lines.filter((line) => !line.startsWith('j.morrison,')));
    const dir = demoWith('get-credential-report.json', cut);
    await expectPartial(dir, 'credentialReport', 'get-credential-report.json', GAAD);
    const { report } = await audit(dir);
    const message = report.accounts[0]!.sections.credentialReport?.error?.message;
    expect(message).toContain('j.morrison');
    expect(message).toContain('stale or partial');
  });

  it('a user created after the report was generated is expected to be missing from it', async () => {
    const details = demoJson(GAAD) as { UserDetailList: Array<{ UserName: string; CreateDate: string }> };
    const report = demoJson('get-credential-report.json') as { GeneratedTime: string };
    const afterReport = new Date(Date.parse(report.GeneratedTime) + 60_000).toISOString();
    details.UserDetailList = details.UserDetailList.map((user) =>
      user.UserName === 'j.morrison' ? { ...user, CreateDate: afterReport } : user,
    );
    const dir = tempDirWith({
      ...demoFiles,
      [GAAD]: JSON.stringify(details),
      'get-credential-report.json': JSON.stringify(
        reportWithLines((lines) => lines.filter((line) => !line.startsWith('j.morrison,'))),
      ),
    });
    const { report: audited } = await audit(dir);
    expect(audited.accounts[0]!.sections.credentialReport?.status).toBe('ok');
  });
});

describe('the audit time comes from the times inside the files, not from when they were copied', () => {
  const hour = 3600 * 1000;

  it('a fresh copy of the demo is audited at its newest time inside, and says which it is', async () => {
    const { report, stderr } = await audit(tempDirWith(demoFiles));
    const [account] = report.accounts;
    // The last thing the demo's files record: the web-app-ec2 role used at 08:41:19.
    expect(account!.collectedAt).toBe('2026-11-01T08:41:19.000Z');
    expect(account!.source.collectedAtFrom).toBe(
      `RoleLastUsed.LastUsedDate of role web-app-ec2 in ${GAAD} (the newest time inside the files)`,
    );
    expect(stderr).toContain(
      `iamspect: note: audit time 2026-11-01 08:41 UTC: RoleLastUsed.LastUsedDate of role web-app-ec2 in ${GAAD}`,
    );
    const generated = Date.parse('2026-11-01T07:12:44Z');
    expect(Date.parse(account!.collectedAt) - generated).toBeLessThan(4 * hour);
  });

  it("takes the credential report's GeneratedTime when nothing inside is newer", async () => {
    const report = JSON.parse(demoFiles['get-credential-report.json']!) as { GeneratedTime: string };
    report.GeneratedTime = '2026-11-02T10:00:00+00:00';
    const { report: audited } = await audit(
      demoWith('get-credential-report.json', report as unknown as Json),
    );
    expect(audited.accounts[0]!.collectedAt).toBe('2026-11-02T10:00:00.000Z');
    expect(audited.accounts[0]!.source.collectedAtFrom).toBe(
      'GeneratedTime in get-credential-report.json (the newest time inside the files)',
    );
  });

  it('falls back to the files’ modification times only when no file holds a time, and says so', async () => {
    const dir = tempDirWith({
      'list-server-certificates.json': JSON.stringify({
        ServerCertificateMetadataList: [
          {
            ServerCertificateName: 'www',
            ServerCertificateId: 'ASCAEXAMPLE',
            Arn: 'arn:aws:iam::493812605177:server-certificate/www',
          },
        ],
      }),
    });
    const before = Date.now();
    const { report, stderr } = await audit(dir);
    expect(Date.parse(report.accounts[0]!.collectedAt)).toBeGreaterThanOrEqual(before - 60_000);
    expect(report.accounts[0]!.source.collectedAtFrom).toBe(
      'the newest modification time of the files (no file holds a time of its own)',
    );
    expect(stderr).toContain('the newest modification time of the files (no file holds a time of its own)');
  });
});
