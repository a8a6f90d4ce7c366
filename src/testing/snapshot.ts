// Typed snapshot builders, shipped as part of the test kit (iamspect/testing) and used by the
// project's own tests (test/builders/snapshot.ts). Start from emptySnapshot() (every section
// absent); each helper fills one section with status ok and sensible defaults.
import type {
  AccessKeyColumns,
  AccountSummary,
  CredentialReportRow,
  GroupDetail,
  ManagedPolicy,
  PolicyDocument,
  RoleDetail,
  SectionData,
  SectionName,
  ServerCertificate,
  Snapshot,
  UserDetail,
  VirtualMfaDevice,
} from '../snapshot/schema.js';
import { SNAPSHOT_SCHEMA_VERSION } from '../snapshot/schema.js';

export const ACCOUNT = '123456789012';
export const NOW = '2026-06-15T12:00:00.000Z';

/** ISO date `days` days (may be fractional or negative) before NOW. */
export function daysAgo(days: number, from = NOW): string {
  return new Date(Date.parse(from) - days * 86_400_000).toISOString();
}

export function emptySnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'iamspect', version: 'test' },
    collectedAt: NOW,
    partition: 'aws',
    accountId: ACCOUNT,
    accountAlias: null,
    source: { kind: 'snapshot' },
    sections: {},
    ...overrides,
  };
}

/** Sets a section to ok with the given data (returns a new snapshot). */
export function withSection<N extends SectionName>(
  snapshot: Snapshot,
  name: N,
  data: SectionData<N>,
): Snapshot {
  return { ...snapshot, sections: { ...snapshot.sections, [name]: { status: 'ok', data } } };
}

/** Marks a section as denied/error/skipped. */
export function withFailedSection(
  snapshot: Snapshot,
  name: SectionName,
  status: 'denied' | 'error' | 'skipped',
  action = 'iam:Unknown',
): Snapshot {
  return {
    ...snapshot,
    sections: {
      ...snapshot.sections,
      [name]: {
        status,
        error: { code: status === 'denied' ? 'AccessDenied' : 'Error', message: `${status} in test`, action },
      },
    },
  };
}

export function noKey(): AccessKeyColumns {
  return {
    active: false,
    lastRotated: null,
    lastUsedDate: null,
    lastUsedRegion: null,
    lastUsedService: null,
  };
}

export function activeKey(rotatedDaysAgo: number, usedDaysAgo: number | null = null): AccessKeyColumns {
  return {
    active: true,
    lastRotated: daysAgo(rotatedDaysAgo),
    lastUsedDate: usedDaysAgo === null ? null : daysAgo(usedDaysAgo),
    lastUsedRegion: usedDaysAgo === null ? null : 'us-east-1',
    lastUsedService: usedDaysAgo === null ? null : 's3',
  };
}

/** An absent or inactive signing certificate slot of a credential-report row. */
export function noCert(): CredentialReportRow['certs'][number] {
  return { active: false, lastRotated: null };
}

/** A credential-report row for an IAM user (no password, no keys, no MFA unless overridden). */
export function userRow(name: string, overrides: Partial<CredentialReportRow> = {}): CredentialReportRow {
  return {
    user: name,
    arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    isRoot: false,
    userCreationTime: daysAgo(400),
    passwordEnabled: false,
    passwordLastUsed: null,
    passwordLastChanged: null,
    passwordNextRotation: null,
    mfaActive: false,
    accessKeys: [noKey(), noKey()],
    certs: [noCert(), noCert()],
    ...overrides,
  };
}

/** The root row of a well-kept account: password, MFA, no keys, not used recently. */
export function rootRow(overrides: Partial<CredentialReportRow> = {}): CredentialReportRow {
  return userRow('<root_account>', {
    arn: `arn:aws:iam::${ACCOUNT}:root`,
    isRoot: true,
    userCreationTime: daysAgo(2000),
    passwordEnabled: null,
    passwordLastUsed: daysAgo(500),
    mfaActive: true,
    ...overrides,
  });
}

export function withCredentialReport(
  snapshot: Snapshot,
  rows: CredentialReportRow[],
  generatedTime: string | null = NOW,
): Snapshot {
  return withSection(snapshot, 'credentialReport', { generatedTime, rows });
}

/** A snapshot holding only a credential report of `rows`, plus an account summary when one is given. */
export function credentialReportSnapshot(
  rows: CredentialReportRow[],
  accountSummary?: AccountSummary,
): Snapshot {
  const snapshot = withCredentialReport(emptySnapshot(), rows);
  return accountSummary === undefined ? snapshot : withSection(snapshot, 'accountSummary', accountSummary);
}

export function doc(...statements: PolicyDocument['Statement']): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

export function allow(actions: string[], resources: string[] = ['*']): PolicyDocument['Statement'][number] {
  return { Effect: 'Allow', Action: actions, Resource: resources };
}

export function user(name: string, overrides: Partial<UserDetail> = {}): UserDetail {
  return {
    name,
    id: `AIDA${name.toUpperCase().padEnd(17, 'X').slice(0, 17)}`,
    arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    path: '/',
    createDate: daysAgo(400),
    inlinePolicies: [],
    attachedPolicies: [],
    groups: [],
    permissionsBoundaryArn: null,
    tags: [],
    ...overrides,
  };
}

export function group(name: string, overrides: Partial<GroupDetail> = {}): GroupDetail {
  return {
    name,
    id: `AGPA${name.toUpperCase().padEnd(17, 'X').slice(0, 17)}`,
    arn: `arn:aws:iam::${ACCOUNT}:group/${name}`,
    path: '/',
    createDate: daysAgo(400),
    inlinePolicies: [],
    attachedPolicies: [],
    ...overrides,
  };
}

export function role(name: string, overrides: Partial<RoleDetail> = {}): RoleDetail {
  return {
    name,
    id: `AROA${name.toUpperCase().padEnd(17, 'X').slice(0, 17)}`,
    arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    path: '/',
    createDate: daysAgo(400),
    trustPolicy: doc({
      Effect: 'Allow',
      Principal: { Service: ['ec2.amazonaws.com'] },
      Action: ['sts:AssumeRole'],
    }),
    inlinePolicies: [],
    attachedPolicies: [],
    permissionsBoundaryArn: null,
    tags: [],
    lastUsed: null,
    instanceProfileArns: [],
    ...overrides,
  };
}

/** A managed policy whose default version is `document`. AWS managed when the ARN says so. */
export function managedPolicy(
  arnOrName: string,
  document: PolicyDocument | null,
  overrides: Partial<ManagedPolicy> = {},
): ManagedPolicy {
  const arn = arnOrName.startsWith('arn:') ? arnOrName : `arn:aws:iam::${ACCOUNT}:policy/${arnOrName}`;
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  return {
    name,
    id: null,
    arn,
    path: '/',
    awsManaged: arn.split(':')[4] === 'aws',
    defaultVersionId: 'v1',
    attachmentCount: 1,
    permissionsBoundaryUsageCount: 0,
    isAttachable: true,
    description: null,
    createDate: daysAgo(400),
    updateDate: daysAgo(400),
    versions: [{ versionId: 'v1', isDefault: true, createDate: daysAgo(400), document }],
    ...overrides,
  };
}

export function withAuthorizationDetails(
  snapshot: Snapshot,
  details: Partial<SectionData<'authorizationDetails'>>,
): Snapshot {
  return withSection(snapshot, 'authorizationDetails', {
    users: [],
    groups: [],
    roles: [],
    policies: [],
    ...details,
  });
}

/** An assigned virtual MFA device `arn:aws:iam::ACCOUNT:mfa/NAME`; ownerArn null = unassigned. */
export function virtualMfaDevice(name: string, ownerArn: string | null): VirtualMfaDevice {
  return {
    serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/${name}`,
    userArn: ownerArn,
    userName: ownerArn?.includes(':user/') ? ownerArn.slice(ownerArn.lastIndexOf('/') + 1) : null,
    enableDate: ownerArn === null ? null : daysAgo(100),
  };
}

export function serverCertificate(name: string, expiration: string | null): ServerCertificate {
  return {
    name,
    id: `ASCA${name.toUpperCase().padEnd(17, 'X').slice(0, 17)}`,
    arn: `arn:aws:iam::${ACCOUNT}:server-certificate/${name}`,
    path: '/',
    uploadDate: daysAgo(400),
    expiration,
  };
}

/** ISO date `days` days and `seconds` seconds before NOW, in whole milliseconds (for exact boundaries). */
export function daysAndSecondsAgo(days: number, seconds: number): string {
  return new Date(Date.parse(NOW) - days * 86_400_000 - seconds * 1000).toISOString();
}

/** ISO date `seconds` seconds after NOW, the collection time (for dates a wrong clock put in the future). */
export function secondsAfterNow(seconds: number): string {
  return new Date(Date.parse(NOW) + seconds * 1000).toISOString();
}

/** The reason a rule gives for not judging a date after the collection time (NOW). */
export function futureDateReason(label: string, minute: string): string {
  return `${label} is ${minute} UTC, after the collection time 2026-06-15 12:00 UTC: the clock or the file is wrong`;
}
