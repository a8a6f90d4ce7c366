import { parseCredentialReport } from '../../src/snapshot/credential-report.js';
import { CREDENTIAL_REPORT_COLUMNS, TEST_ACCOUNT, reportCsv, rootLine, userLine } from './report-csv.js';
import { inputErrorOf } from '../builders/errors.js';

const SOURCE = 'report.csv';

function parse(csv: string, generatedTime: string | null = null) {
  return parseCredentialReport(csv, generatedTime, SOURCE);
}

const alice = userLine('alice', {
  password_enabled: 'true',
  password_last_used: '2024-05-01T10:00:00+00:00',
  password_last_changed: '2023-01-02T03:04:05+00:00',
  mfa_active: 'true',
  access_key_1_active: 'true',
  access_key_1_last_rotated: '2023-02-01T00:00:00+00:00',
  access_key_1_last_used_date: '2024-05-02T11:00:00+00:00',
  access_key_1_last_used_region: 'eu-west-1',
  access_key_1_last_used_service: 's3',
  access_key_2_active: 'false',
  access_key_2_last_rotated: '2022-01-01T00:00:00+00:00',
  cert_1_active: 'true',
  cert_1_last_rotated: '2021-07-07T07:07:07+00:00',
});

describe('parseCredentialReport', () => {
  it('reads a full report into typed rows, dates as UTC ISO and tokens as null', () => {
    const report = parse(reportCsv([rootLine(), alice]), '2024-05-03T12:00:00+00:00');
    expect(report.generatedTime).toBe('2024-05-03T12:00:00.000Z');
    expect(report.rows).toEqual([
      {
        user: '<root_account>',
        arn: `arn:aws:iam::${TEST_ACCOUNT}:root`,
        isRoot: true,
        userCreationTime: '2017-06-10T02:35:07.000Z',
        passwordEnabled: null,
        passwordLastUsed: '2017-10-22T08:11:09.000Z',
        passwordLastChanged: null,
        passwordNextRotation: null,
        mfaActive: true,
        accessKeys: [
          {
            active: false,
            lastRotated: null,
            lastUsedDate: null,
            lastUsedRegion: null,
            lastUsedService: null,
          },
          {
            active: false,
            lastRotated: null,
            lastUsedDate: null,
            lastUsedRegion: null,
            lastUsedService: null,
          },
        ],
        certs: [
          { active: false, lastRotated: null },
          { active: false, lastRotated: null },
        ],
      },
      {
        user: 'alice',
        arn: `arn:aws:iam::${TEST_ACCOUNT}:user/alice`,
        isRoot: false,
        userCreationTime: '2017-06-10T02:35:07.000Z',
        passwordEnabled: true,
        passwordLastUsed: '2024-05-01T10:00:00.000Z',
        passwordLastChanged: '2023-01-02T03:04:05.000Z',
        passwordNextRotation: null,
        mfaActive: true,
        accessKeys: [
          {
            active: true,
            lastRotated: '2023-02-01T00:00:00.000Z',
            lastUsedDate: '2024-05-02T11:00:00.000Z',
            lastUsedRegion: 'eu-west-1',
            lastUsedService: 's3',
          },
          // A key that exists but is inactive still has its creation date.
          {
            active: false,
            lastRotated: '2022-01-01T00:00:00.000Z',
            lastUsedDate: null,
            lastUsedRegion: null,
            lastUsedService: null,
          },
        ],
        certs: [
          { active: true, lastRotated: '2021-07-07T07:07:07.000Z' },
          { active: false, lastRotated: null },
        ],
      },
    ]);
  });

  const canonical = reportCsv([rootLine(), alice]);
  it.each([
    ['CRLF line endings, no trailing newline', reportCsv([rootLine(), alice], { eol: '\r\n' })],
    [
      'CRLF line endings with a trailing newline',
      reportCsv([rootLine(), alice], { eol: '\r\n', trailingNewline: true }),
    ],
    ['LF with a trailing newline', reportCsv([rootLine(), alice], { trailingNewline: true })],
    ['CRLF on some lines and LF on others', canonical.replace('\n', '\r\n')],
    ['a UTF-8 byte order mark', `\uFEFF${canonical}`],
    ['a blank line between rows', canonical.replace('\nalice', '\n\nalice')],
    [
      'columns in another order plus a column IAM may add one day',
      reportCsv(
        [
          { ...rootLine(), future_column: 'x' },
          { ...alice, future_column: 'y' },
        ],
        {
          columns: ['future_column', ...[...CREDENTIAL_REPORT_COLUMNS].reverse()],
        },
      ),
    ],
    ['upper-case header names', canonical.replace(/^[^\n]*/, (header) => header.toUpperCase())],
  ])('reads the same rows from %s', (_label, csv) => {
    expect(parse(csv)).toEqual(parse(canonical));
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['True', true],
    ['false', false],
    ['FALSE', false],
  ])('reads the boolean %s as %s', (text, value) => {
    const [row] = parse(reportCsv([userLine('bob', { mfa_active: text, password_enabled: text })])).rows;
    expect(row?.mfaActive).toBe(value);
    expect(row?.passwordEnabled).toBe(value);
  });

  it.each(['N/A', 'no_information', 'not_supported'])(
    'reads %s in a date column as null, never a date',
    (token) => {
      const [row] = parse(
        reportCsv([
          userLine('bob', {
            password_enabled: 'true',
            password_last_used: token,
            access_key_1_last_used_date: token,
            access_key_1_last_used_region: token,
            cert_1_last_rotated: token,
          }),
        ]),
      ).rows;
      expect(row?.passwordLastUsed).toBeNull();
      expect(row?.accessKeys[0].lastUsedDate).toBeNull();
      expect(row?.accessKeys[0].lastUsedRegion).toBeNull();
      expect(row?.certs[0].lastRotated).toBeNull();
    },
  );

  it('reads a quoted user name that contains a comma, and keeps a + in a name', () => {
    const rows = parse(
      reportCsv([
        userLine('svc,reports', { arn: `arn:aws:iam::${TEST_ACCOUNT}:user/svc,reports` }),
        userLine('build+deploy'),
      ]),
    ).rows;
    expect(rows.map((row) => [row.user, row.arn])).toEqual([
      ['svc,reports', `arn:aws:iam::${TEST_ACCOUNT}:user/svc,reports`],
      ['build+deploy', `arn:aws:iam::${TEST_ACCOUNT}:user/build+deploy`],
    ]);
  });

  it('reads a report without a root row (every row an IAM user)', () => {
    const rows = parse(reportCsv([alice, userLine('bob')])).rows;
    expect(rows.map((row) => row.isRoot)).toEqual([false, false]);
  });

  it('finds the root row by its ARN when it is not first and not named <root_account>', () => {
    const rows = parse(reportCsv([alice, rootLine({ user: 'root' })])).rows;
    expect(rows.map((row) => [row.user, row.isRoot])).toEqual([
      ['alice', false],
      ['root', true],
    ]);
  });

  it('does not take an IAM user named root for the root user', () => {
    const [row] = parse(reportCsv([userLine('root')])).rows;
    expect(row?.isRoot).toBe(false);
  });

  it.each([
    ['not_supported', null],
    ['false', false],
    ['true', true],
  ])("reads root's password_enabled=%s as %s", (text, value) => {
    const [row] = parse(reportCsv([rootLine({ password_enabled: text })])).rows;
    expect(row?.passwordEnabled).toBe(value);
  });

  it("rejects not_supported as an IAM user's password_enabled", () => {
    const error = inputErrorOf(() =>
      parse(reportCsv([userLine('bob', { password_enabled: 'not_supported' })])),
    );
    expect(error.message).toBe(
      `${SOURCE}: line 2, column password_enabled: "not_supported" is not true or false`,
    );
  });

  it('reads a report saved before IAM added the access-key last-used columns (they read as null)', () => {
    const columns = CREDENTIAL_REPORT_COLUMNS.filter((column) => !/access_key_\d_last_used_/.test(column));
    const [row] = parse(reportCsv([alice], { columns })).rows;
    expect(row?.accessKeys[0]).toEqual({
      active: true,
      lastRotated: '2023-02-01T00:00:00.000Z',
      lastUsedDate: null,
      lastUsedRegion: null,
      lastUsedService: null,
    });
  });

  it('names every missing required column', () => {
    const columns = CREDENTIAL_REPORT_COLUMNS.filter(
      (column) => column !== 'mfa_active' && column !== 'cert_2_active',
    );
    const error = inputErrorOf(() => parse(reportCsv([alice], { columns })));
    expect(error.message).toBe(
      `${SOURCE}: the credential report has no "mfa_active", "cert_2_active" columns`,
    );
  });

  it.each([
    ['password_last_used', 'yesterday'],
    ['user_creation_time', '2017-06-10'],
    ['access_key_1_last_rotated', '2017-02-30T00:00:00+00:00'],
    ['cert_2_last_rotated', ''],
  ])('names the source, line and column of a garbage date (%s = "%s")', (column, value) => {
    const error = inputErrorOf(() => parse(reportCsv([alice, userLine('bob', { [column]: value })])));
    expect(error.message).toBe(
      `${SOURCE}: line 3, column ${column}: "${value}" is not a timestamp (expected e.g. 2017-06-10T02:35:07+00:00, N/A or no_information)`,
    );
  });

  it.each([
    ['mfa_active', 'yes'],
    ['access_key_2_active', 'N/A'],
    ['cert_1_active', ''],
  ])('rejects %s = "%s" (not a boolean)', (column, value) => {
    const error = inputErrorOf(() => parse(reportCsv([userLine('bob', { [column]: value })])));
    expect(error.message).toBe(`${SOURCE}: line 2, column ${column}: "${value}" is not true or false`);
  });

  it.each([
    ['an empty text', '', 'the credential report is empty (no header line)'],
    [
      'a header with a column twice',
      reportCsv([], { columns: [...CREDENTIAL_REPORT_COLUMNS, 'user'] }),
      'column "user" appears twice',
    ],
    [
      'a row with too few fields',
      `${reportCsv([alice])}\nbob,arn:aws:iam::1:user/bob`,
      'Invalid Record Length',
    ],
    ['an unclosed quote', `${reportCsv([alice])}\n"bob,arn`, 'Quote Not Closed'],
    [
      'a value that is not an ARN',
      reportCsv([userLine('bob', { arn: 'bob' })]),
      'line 2, column arn: "bob" is not an ARN',
    ],
    ['an empty user name', reportCsv([userLine('')]), 'line 2, column user: is empty'],
  ])('rejects %s', (_label, csv, expected) => {
    const error = inputErrorOf(() => parse(csv));
    expect(error.message).toContain(SOURCE);
    expect(error.message).toContain(expected);
  });

  it('reads a header with no rows as an empty report', () => {
    expect(parse(reportCsv([])).rows).toEqual([]);
  });

  it('keeps an unknown GeneratedTime as null and rejects one that is not a timestamp', () => {
    expect(parse(reportCsv([alice]), null).generatedTime).toBeNull();
    expect(inputErrorOf(() => parse(reportCsv([alice]), 'soon')).message).toBe(
      `${SOURCE}: GeneratedTime "soon" is not a timestamp (expected e.g. 2017-06-10T02:35:07+00:00)`,
    );
  });
});
