// The credential report CSV as IAM writes it (reference/aws-formats.md 1.1-1.4), not as moto does:
// 22 columns in IAM's order, lowercase true/false, `+00:00` dates without fractions, `N/A` where a
// thing does not exist, `no_information` for a password never used, `not_supported` on root's
// password columns, root first, and no newline after the last row.
import { CREDENTIAL_REPORT_COLUMNS } from '../../src/snapshot/credential-report.js';
import type { FakeAccessKey, FakeAccount, FakePassword, FakeRoot, FakeUser } from './model.js';
import { iamArn, userArn } from './model.js';

export { CREDENTIAL_REPORT_COLUMNS };

const NOT_APPLICABLE = 'N/A';

/** `2017-06-10T02:35:07+00:00` */
export function reportDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function flag(value: boolean): string {
  return value ? 'true' : 'false';
}

function passwordLastUsed(password: FakePassword | null): string {
  if (!password) return NOT_APPLICABLE;
  return password.lastUsed ? reportDate(password.lastUsed) : 'no_information';
}

function accessKeyColumns(key: FakeAccessKey | undefined): string[] {
  if (!key) return ['false', NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE];
  return [
    flag(key.status === 'Active'),
    reportDate(key.created),
    key.lastUsed ? reportDate(key.lastUsed.date) : NOT_APPLICABLE,
    key.lastUsed?.region ?? NOT_APPLICABLE,
    key.lastUsed?.service ?? NOT_APPLICABLE,
  ];
}

const NO_SIGNING_CERTIFICATES = ['false', NOT_APPLICABLE, 'false', NOT_APPLICABLE];

function rootRow(account: FakeAccount, root: FakeRoot): string[] {
  return [
    '<root_account>',
    iamArn(account, 'root'),
    reportDate(account.created),
    'not_supported',
    passwordLastUsed(root.password),
    'not_supported',
    'not_supported',
    flag(root.mfa !== 'none'),
    ...accessKeyColumns(root.accessKeys[0]),
    ...accessKeyColumns(root.accessKeys[1]),
    ...NO_SIGNING_CERTIFICATES,
  ];
}

function userRow(account: FakeAccount, user: FakeUser): string[] {
  const maxAgeDays = account.passwordPolicy?.MaxPasswordAge;
  const nextRotation =
    user.password && maxAgeDays
      ? reportDate(new Date(user.password.lastChanged.getTime() + maxAgeDays * 86_400_000))
      : NOT_APPLICABLE;
  return [
    user.name,
    userArn(account, user),
    reportDate(user.created),
    flag(user.password !== null),
    passwordLastUsed(user.password),
    user.password ? reportDate(user.password.lastChanged) : NOT_APPLICABLE,
    nextRotation,
    flag(user.mfa !== 'none'),
    ...accessKeyColumns(user.accessKeys[0]),
    ...accessKeyColumns(user.accessKeys[1]),
    ...NO_SIGNING_CERTIFICATES,
  ];
}

/** RFC 4180 quoting: IAM user names may contain a comma (`[\w+=,.@-]+`). */
function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function credentialReportCsv(account: FakeAccount): string {
  const rows = [
    [...CREDENTIAL_REPORT_COLUMNS],
    rootRow(account, account.root),
    ...account.users.map((user) => userRow(account, user)),
  ];
  return rows.map((row) => row.map(csvField).join(',')).join('\n');
}
