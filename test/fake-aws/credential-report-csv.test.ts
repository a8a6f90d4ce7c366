// The fake's credential report must look like IAM's (reference/aws-formats.md 1.1-1.4), not like
// an emulator's: otherwise the parser is tested against a format AWS never sends.
import { describe, expect, test } from '@jest/globals';
import { parseCredentialReport } from '../../src/snapshot/credential-report.js';
import { CREDENTIAL_REPORT_COLUMNS, credentialReportCsv } from './credential-report-csv.js';
import { daysBefore, fakeAccessKey, fakeAccount, fakePassword, fakeUser } from './model.js';

const account = fakeAccount({
  root: { accessKeys: [fakeAccessKey({ created: daysBefore(900) })] },
  passwordPolicy: { MinimumPasswordLength: 14, MaxPasswordAge: 90 },
  users: [
    fakeUser('console', {
      password: fakePassword({ lastChanged: daysBefore(10), lastUsed: null }),
      mfa: 'hardware',
    }),
    fakeUser('keys-only', {
      accessKeys: [
        fakeAccessKey({ status: 'Inactive', created: daysBefore(100) }),
        fakeAccessKey({
          created: daysBefore(5),
          lastUsed: { date: daysBefore(1), region: 'eu-west-1', service: 's3' },
        }),
      ],
    }),
    fakeUser('smith,john'),
  ],
});
const csv = credentialReportCsv(account);
const lines = csv.split('\n');

describe('the fake credential report', () => {
  test("has IAM's 22 columns in order, root first, and no newline after the last row", () => {
    expect(lines[0]!.split(',')).toEqual([...CREDENTIAL_REPORT_COLUMNS]);
    expect(CREDENTIAL_REPORT_COLUMNS).toHaveLength(22);
    expect(lines[1]!.startsWith('<root_account>,arn:aws:iam::123456789012:root,')).toBe(true);
    expect(csv.endsWith('\n')).toBe(false);
  });

  test("writes lowercase booleans, +00:00 dates without fractions, and IAM's tokens", () => {
    const [root, consoleUser, keysOnly] = lines.slice(1).map((line) => line.split(','));
    // Root: password columns not_supported, a key with no last use.
    expect(root!.slice(3, 14)).toEqual([
      'not_supported',
      '2025-11-27T12:00:00+00:00',
      'not_supported',
      'not_supported',
      'true',
      'true',
      '2023-12-28T12:00:00+00:00',
      'N/A',
      'N/A',
      'N/A',
      'false',
    ]);
    // A password never used is no_information; the next rotation follows MaxPasswordAge.
    expect(consoleUser!.slice(3, 9)).toEqual([
      'true',
      'no_information',
      '2026-06-05T12:00:00+00:00',
      '2026-09-03T12:00:00+00:00',
      'true',
      'false',
    ]);
    // An inactive key still has its rotation date; the used key has region and service.
    expect(keysOnly!.slice(3, 18)).toEqual([
      'false',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'false',
      '2026-03-07T12:00:00+00:00',
      'N/A',
      'N/A',
      'N/A',
      'true',
      '2026-06-10T12:00:00+00:00',
      '2026-06-14T12:00:00+00:00',
      'eu-west-1',
      's3',
    ]);
    expect(csv).not.toMatch(/TRUE|FALSE|\.\d{3}Z/);
    // not_supported belongs to root only (moto writes it for IAM users too).
    expect(lines.slice(2).join('\n')).not.toContain('not_supported');
  });

  test('quotes a user name with a comma, and the project parser reads every row back', () => {
    expect(lines[4]!.startsWith('"smith,john","arn:aws:iam::123456789012:user/smith,john",')).toBe(true);
    const report = parseCredentialReport(csv, null, 'fake report');
    expect(report.rows.map((row) => row.user)).toEqual([
      '<root_account>',
      'console',
      'keys-only',
      'smith,john',
    ]);
  });
});
