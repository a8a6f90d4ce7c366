import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAwsCliDir } from '../../src/snapshot/aws-cli.js';
import { snapshotSchema } from '../../src/snapshot/schema.js';
import { packageRoot } from '../../src/util/package-root.js';
import { TEST_ACCOUNT, reportCsv, rootLine, userLine } from './report-csv.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';
import { inputErrorOf } from '../builders/errors.js';

const samples = join(packageRoot(), 'fixtures', 'aws-cli');
const csv = reportCsv([rootLine(), userLine('alice')]);
const cliCredentialReport = JSON.stringify({
  Content: Buffer.from(csv).toString('base64'),
  ReportFormat: 'text/csv',
  GeneratedTime: '2024-05-03T12:00:00+00:00',
});

afterEach(removeTempDirs);

describe('readAwsCliDir on sample directories', () => {
  it('reads a GovCloud directory holding only a CRLF credential report and an empty password-policy file', () => {
    const dir = join(samples, 'govcloud-partial');
    const snapshot = readAwsCliDir(dir);
    expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
    expect(snapshot).toMatchObject({
      partition: 'aws-us-gov',
      accountId: '210987654321',
      accountAlias: null,
      source: { kind: 'aws-cli', path: dir },
    });
    expect(
      snapshot.sections.credentialReport?.data?.rows.map((row) => [
        row.user,
        row.isRoot,
        row.passwordEnabled,
      ]),
    ).toEqual([
      ['<root_account>', true, null],
      ['ops,oncall', false, true],
    ]);
    // An empty file is how the CLI saves "no password policy": data, not an error.
    expect(snapshot.sections.passwordPolicy).toMatchObject({ status: 'ok', data: null });
  });

  it.each([
    ['accountSummary', 'get-account-summary.json not found', 'iam:GetAccountSummary'],
    [
      'authorizationDetails',
      'get-account-authorization-details.json not found',
      'iam:GetAccountAuthorizationDetails',
    ],
    ['virtualMfaDevices', 'list-virtual-mfa-devices.json not found', 'iam:ListVirtualMFADevices'],
    ['serverCertificates', 'list-server-certificates.json not found', 'iam:ListServerCertificates'],
  ] as const)('marks %s skipped, naming the missing file and how to save it', (section, missing, action) => {
    const dir = join(samples, 'govcloud-partial');
    const result = readAwsCliDir(dir).sections[section];
    expect(result?.status).toBe('skipped');
    expect(result?.data).toBeUndefined();
    expect(result?.error?.message).toContain(`${missing} in ${dir} (save it with: aws iam `);
    expect(result?.error?.action).toBe(action);
  });

  it('reads authorization details saved as an array of raw API pages (URL-encoded documents)', () => {
    const snapshot = readAwsCliDir(join(samples, 'paged-api-pages'));
    expect(snapshot.accountId).toBe('444455556666');
    expect(snapshot.partition).toBe('aws');
    const details = snapshot.sections.authorizationDetails?.data;
    expect(details?.users[0]?.name).toBe('deploy+bot');
    expect(details?.users[0]?.inlinePolicies[0]?.document.Statement[0]?.Resource).toEqual([
      'arn:aws:dynamodb:eu-west-1:444455556666:table/orders+returns',
    ]);
    expect(details?.roles[0]?.trustPolicy?.Statement[0]?.Principal).toEqual({
      Service: ['lambda.amazonaws.com'],
    });
    expect(details?.roles[0]?.lastUsed).toEqual({ date: null, region: null });
    expect(details?.policies[0]).toMatchObject({ name: 'AWSLambdaBasicExecutionRole', awsManaged: true });
    expect(snapshot.sections.virtualMfaDevices?.data?.[0]?.userArn).toBe('arn:aws:iam::444455556666:root');
    expect(snapshot.sections.serverCertificates).toMatchObject({ status: 'ok', data: [] });
    expect(snapshot.sections.credentialReport?.status).toBe('skipped');
  });
});

describe('readAwsCliDir', () => {
  it('decodes the base64 Content of get-credential-report.json and keeps GeneratedTime', () => {
    const report = readAwsCliDir(tempDirWith({ 'get-credential-report.json': cliCredentialReport })).sections
      .credentialReport?.data;
    expect(report?.generatedTime).toBe('2024-05-03T12:00:00.000Z');
    expect(report?.rows.map((row) => row.user)).toEqual(['<root_account>', 'alice']);
  });

  it('takes the account alias from list-account-aliases.json when it was saved, and none otherwise', () => {
    const withAlias = tempDirWith({
      'credential-report.csv': csv,
      'list-account-aliases.json': JSON.stringify({ AccountAliases: ['northwind-prod'] }),
    });
    expect(readAwsCliDir(withAlias).accountAlias).toBe('northwind-prod');
    expect(readAwsCliDir(tempDirWith({ 'credential-report.csv': csv })).accountAlias).toBeNull();
    const broken = tempDirWith({
      'credential-report.csv': csv,
      'list-account-aliases.json': '{"Aliases": 1}',
    });
    expect(inputErrorOf(() => readAwsCliDir(broken)).message).toMatch(
      /list-account-aliases\.json: AccountAliases/,
    );
  });

  it('reads a password policy', () => {
    const dir = tempDirWith({
      'credential-report.csv': csv,
      'get-account-password-policy.json': JSON.stringify({
        PasswordPolicy: { MinimumPasswordLength: 8, RequireSymbols: false, ExpirePasswords: false },
      }),
    });
    expect(readAwsCliDir(dir).sections.passwordPolicy?.data).toEqual({
      MinimumPasswordLength: 8,
      RequireSymbols: false,
      ExpirePasswords: false,
    });
  });

  it('takes collectedAt from the newest past time inside the files, not from their modification times', () => {
    const dir = tempDirWith({
      'credential-report.csv': reportCsv([
        rootLine(),
        userLine('alice', {
          access_key_1_active: 'true',
          access_key_1_last_rotated: '2024-01-01T10:00:00+00:00',
          access_key_1_last_used_date: '2024-05-01T09:00:00+00:00',
          // A time in the data's future says nothing about when it was saved.
          password_enabled: 'true',
          password_last_changed: '2024-02-01T10:00:00+00:00',
          password_next_rotation: '2030-01-01T00:00:00+00:00',
        }),
      ]),
      'get-account-summary.json': JSON.stringify({ SummaryMap: { Users: 1 } }),
    });
    const copied = new Date('2026-12-01T10:00:00Z');
    utimesSync(join(dir, 'credential-report.csv'), copied, copied);
    const snapshot = readAwsCliDir(dir);
    expect(snapshot.collectedAt).toBe('2024-05-01T09:00:00.000Z');
    expect(snapshot.source.collectedAtFrom).toBe(
      'access_key_1_last_used_date of alice in credential-report.csv (the newest time inside the files)',
    );
    // One time for the whole snapshot: a file's own time is when it was copied.
    expect(snapshot.sections.credentialReport?.collectedAt).toBeUndefined();
  });

  it('applies overrides for collectedAt, account, alias and partition', () => {
    const snapshot = readAwsCliDir(tempDirWith({ 'credential-report.csv': csv }), {
      collectedAt: '2026-11-01T09:00:00Z',
      accountId: '999988887777',
      accountAlias: 'prod',
      partition: 'aws-cn',
    });
    expect(snapshot).toMatchObject({
      collectedAt: '2026-11-01T09:00:00.000Z',
      accountId: '999988887777',
      accountAlias: 'prod',
      partition: 'aws-cn',
    });
    expect(snapshot.source).toEqual({ kind: 'aws-cli', path: expect.any(String) });
  });

  it('needs an override when no file names the account', () => {
    const files = { 'get-account-summary.json': JSON.stringify({ SummaryMap: { Users: 0 } }) };
    const error = inputErrorOf(() => readAwsCliDir(tempDirWith(files)));
    expect(error.message).toContain('cannot tell which account these outputs belong to');
    expect(error.hint).toContain('get-account-authorization-details.json or the credential report');
    expect(readAwsCliDir(tempDirWith(files), { accountId: TEST_ACCOUNT, partition: 'aws' }).accountId).toBe(
      TEST_ACCOUNT,
    );
  });

  it.each([
    [
      'a directory that does not exist',
      () => '/nonexistent/iamspect-cli-dir',
      '/nonexistent/iamspect-cli-dir: directory not found',
    ],
    [
      'a file instead of a directory',
      () => join(tempDirWith({ 'credential-report.csv': csv }), 'credential-report.csv'),
      'is a file, not a directory of AWS CLI outputs',
    ],
    [
      'a directory with none of the files',
      () => tempDirWith({ 'notes.txt': 'hello' }),
      'holds none of the AWS CLI outputs iamspect reads',
    ],
    [
      'both forms of the credential report',
      () => tempDirWith({ 'credential-report.csv': csv, 'get-credential-report.json': cliCredentialReport }),
      'holds both get-credential-report.json and credential-report.csv',
    ],
    [
      'files from two accounts',
      () =>
        tempDirWith({
          'credential-report.csv': csv,
          'list-server-certificates.json': JSON.stringify({
            ServerCertificateMetadataList: [
              {
                ServerCertificateName: 'www',
                ServerCertificateId: 'ASCAEXAMPLE',
                Arn: 'arn:aws:iam::999988887777:server-certificate/www',
              },
            ],
          }),
        }),
      'the files mix accounts: credential report names arn:aws:iam::111122223333, list-server-certificates.json names arn:aws:iam::999988887777:server-certificate/www',
    ],
  ])('rejects %s', (_label, dir, message) => {
    expect(inputErrorOf(() => readAwsCliDir(dir())).message).toContain(message);
  });

  it.each([
    [
      'get-account-summary.json',
      '{\n  "SummaryMap": {\n    "Users": 1,\n  }\n}',
      ': line 4, column 3: AWS CLI output is not valid JSON',
    ],
    [
      'get-account-authorization-details.json',
      '{"UserDetailList": [',
      ': line 1, column 21: AWS CLI output ends in the middle of the JSON',
    ],
    [
      'get-account-summary.json',
      '{"SummaryMap": {"Users": "one"}}',
      ': SummaryMap.Users: Invalid input: expected number',
    ],
    ['get-credential-report.json', '{"Content": "not base64!"}', ': Content is not base64'],
    [
      'get-credential-report.json',
      JSON.stringify({ Content: 'YQ==', ReportFormat: 'application/json' }),
      ': ReportFormat is "application/json"; iamspect reads text/csv reports',
    ],
    [
      'get-credential-report.json',
      JSON.stringify({ Content: Buffer.from('user,arn\nx,y').toString('base64') }),
      ' (decoded Content): the credential report has no "user_creation_time"',
    ],
    [
      'list-virtual-mfa-devices.json',
      '{"VirtualMFADevices": [{}]}',
      ': VirtualMFADevices[0].SerialNumber: Invalid input',
    ],
  ])('names the file and the place of a problem in %s', (name, content, message) => {
    const dir = tempDirWith({ [name]: content });
    expect(inputErrorOf(() => readAwsCliDir(dir)).message).toContain(`${join(dir, name)}${message}`);
  });

  it('a key given twice in an output is refused with the file, line and key (the first user would vanish)', () => {
    const dir = tempDirWith({
      'credential-report.csv': csv,
      'get-account-summary.json': '{\n  "SummaryMap": {\n    "Users": 3,\n    "Users": 4\n  }\n}\n',
    });
    expect(inputErrorOf(() => readAwsCliDir(dir)).message).toBe(
      `${join(dir, 'get-account-summary.json')}: line 4, column 5: AWS CLI output has the key "Users" twice in one object (JSON readers silently keep only the last)`,
    );
  });

  it('an output nested 5,000 levels deep is refused naming the file and the limit', () => {
    const deep = `{"SummaryMap": {"Users": 1, "Deep": ${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    const dir = tempDirWith({ 'credential-report.csv': csv, 'get-account-summary.json': deep });
    expect(inputErrorOf(() => readAwsCliDir(dir)).message).toContain(
      `${join(dir, 'get-account-summary.json')}: line 1, column 547: AWS CLI output is nested more than 512 levels deep`,
    );
  });

  it('reads a file PowerShell 5 saved as UTF-16 with a byte order mark', () => {
    const dir = tempDirWith({});
    const summary = JSON.stringify({ SummaryMap: { Users: 3 } });
    writeFileSync(
      join(dir, 'get-account-summary.json'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(summary, 'utf16le')]),
    );
    writeFileSync(join(dir, 'credential-report.csv'), csv);
    expect(readAwsCliDir(dir).sections.accountSummary?.data).toEqual({ Users: 3 });
  });
});
