import { managementAccountHygiene } from '../../../src/rules/account/management-account-hygiene.js';
import type { CredentialReportRow, DelegatedAdministrator } from '../../../src/snapshot/schema.js';
import { managedOrganization, organization } from '../../builders/guardrails.js';
import { runRule } from '../../builders/rules.js';
import {
  ACCOUNT,
  emptySnapshot,
  rootRow,
  userRow,
  withCredentialReport,
  withSection,
} from '../../builders/snapshot.js';

const ALL_DELEGATED: DelegatedAdministrator[] = [
  {
    accountId: '222222222222',
    servicePrincipals: [
      'access-analyzer.amazonaws.com',
      'cloudtrail.amazonaws.com',
      'config.amazonaws.com',
      'guardduty.amazonaws.com',
      'securityhub.amazonaws.com',
    ],
  },
];

const ACTIVE_KEY = {
  active: true,
  lastRotated: '2026-01-01T00:00:00.000Z',
  lastUsedDate: null,
  lastUsedRegion: null,
  lastUsedService: null,
};

function snapshotWith(rows: CredentialReportRow[], admins: DelegatedAdministrator[], member = false) {
  const withOrg = withSection(
    emptySnapshot(),
    'organization',
    member ? organization() : managedOrganization(),
  );
  return withSection(withCredentialReport(withOrg, [rootRow(), ...rows]), 'delegatedAdministrators', admins);
}

describe('management-account-hygiene', () => {
  test('applies to the management account only: a member is not judged (not a pass)', () => {
    expect(managementAccountHygiene.appliesTo!(snapshotWith([], [], true))).toBe(false);
    expect(managementAccountHygiene.appliesTo!(snapshotWith([], []))).toBe(true);
  });

  test.each<{ name: string; rows: CredentialReportRow[]; options?: object; users: string[] }>([
    { name: 'no IAM users', rows: [], users: [] },
    {
      name: 'a user without password or key (root is not judged here)',
      rows: [userRow('unused')],
      users: [],
    },
    { name: 'a console user', rows: [userRow('alice', { passwordEnabled: true })], users: ['alice'] },
    {
      name: 'a user with an active key',
      rows: [userRow('ci', { accessKeys: [ACTIVE_KEY, ACTIVE_KEY] })],
      users: ['ci'],
    },
    {
      name: 'an inactive key is no credential',
      rows: [
        userRow('old', {
          accessKeys: [
            { ...ACTIVE_KEY, active: false },
            { ...ACTIVE_KEY, active: false },
          ],
        }),
      ],
      users: [],
    },
    {
      name: 'break-glass users (globs) are left out',
      rows: [
        userRow('break-glass-1', { passwordEnabled: true }),
        userRow('alice', { passwordEnabled: true }),
      ],
      options: { breakGlassUsers: ['break-glass-*'] },
      users: ['alice'],
    },
  ])('users: $name', ({ rows, options, users }) => {
    const findings = runRule(managementAccountHygiene, snapshotWith(rows, ALL_DELEGATED), options);
    expect(findings.map((finding) => finding.resource)).toEqual(
      users.map((user) => `arn:aws:iam::${ACCOUNT}:user/${user}`),
    );
  });

  test('the user finding says which credentials', () => {
    const [finding] = runRule(
      managementAccountHygiene,
      snapshotWith(
        [userRow('alice', { passwordEnabled: true, accessKeys: [ACTIVE_KEY, ACTIVE_KEY] })],
        ALL_DELEGATED,
      ),
    );
    expect(finding?.message).toBe(
      "alice has a console password and an active access key in the organization's management account, which should hold no IAM users besides break-glass ones.",
    );
  });

  test.each<{ name: string; admins: DelegatedAdministrator[]; options?: object; missing: string[] }>([
    { name: 'every security service delegated', admins: ALL_DELEGATED, missing: [] },
    {
      name: 'none delegated: one finding per service',
      admins: [],
      missing: [
        'access-analyzer.amazonaws.com',
        'cloudtrail.amazonaws.com',
        'config.amazonaws.com',
        'guardduty.amazonaws.com',
        'securityhub.amazonaws.com',
      ],
    },
    {
      name: 'delegated across two accounts counts',
      admins: [
        {
          accountId: '222222222222',
          servicePrincipals: ['guardduty.amazonaws.com', 'securityhub.amazonaws.com'],
        },
        {
          accountId: '333333333333',
          servicePrincipals: ['config.amazonaws.com', 'cloudtrail.amazonaws.com'],
        },
      ],
      missing: ['access-analyzer.amazonaws.com'],
    },
    {
      name: 'securityServices narrows the list',
      admins: [],
      options: { securityServices: ['guardduty.amazonaws.com'] },
      missing: ['guardduty.amazonaws.com'],
    },
  ])('services: $name', ({ admins, options, missing }) => {
    const findings = runRule(managementAccountHygiene, snapshotWith([], admins), options);
    expect(findings.map((finding) => [finding.resource, finding.discriminator])).toEqual(
      missing.map((service) => [`arn:aws:iam::${ACCOUNT}:root`, service]),
    );
  });
});
