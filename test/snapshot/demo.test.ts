// The demo account must keep telling its story: each finding iamspect is meant to show off is
// checked here against the data, so an edit to the fixture cannot silently remove one.
import { loadDemoSnapshot } from '../../src/snapshot/demo.js';
import { snapshotSchema } from '../../src/snapshot/schema.js';

const snapshot = loadDemoSnapshot();
const ACCOUNT = '493812605177';
const DAY = 86_400_000;
const collectedAt = Date.parse('2026-11-01T09:00:00Z');
const daysBefore = (iso: string | null | undefined) => (collectedAt - Date.parse(iso ?? 'missing')) / DAY;

const report = snapshot.sections.credentialReport?.data;
const details = snapshot.sections.authorizationDetails?.data;
const row = (user: string) => report?.rows.find((r) => r.user === user);
const detailUser = (name: string) => details?.users.find((u) => u.name === name);
const policy = (arn: string) => details?.policies.find((p) => p.arn === arn);
const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

describe('the demo snapshot', () => {
  it('is a valid snapshot of a fixed account at a fixed time, with every CLI section collected', () => {
    expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
    expect(snapshot).toMatchObject({
      accountId: ACCOUNT,
      accountAlias: 'northwind-prod',
      partition: 'aws',
      collectedAt: '2026-11-01T09:00:00.000Z',
      source: { kind: 'demo' },
    });
    expect(snapshot.source.path).toBeUndefined();
    for (const name of [
      'credentialReport',
      'accountSummary',
      'passwordPolicy',
      'authorizationDetails',
      'virtualMfaDevices',
      'serverCertificates',
    ] as const) {
      expect([name, snapshot.sections[name]?.status]).toEqual([name, 'ok']);
    }
    // IAM generated the report a couple of hours before the snapshot.
    expect(daysBefore(report?.generatedTime) * 24).toBeCloseTo(1.8, 1);
  });

  it('root signed in a few days ago, holds an active access key, and its MFA is virtual', () => {
    const root = report?.rows.find((r) => r.isRoot);
    expect(daysBefore(root?.passwordLastUsed)).toBeGreaterThan(2);
    expect(daysBefore(root?.passwordLastUsed)).toBeLessThan(4);
    expect(root?.accessKeys[0].active).toBe(true);
    expect(root?.mfaActive).toBe(true);
    expect(snapshot.sections.accountSummary?.data).toMatchObject({
      AccountMFAEnabled: 1,
      AccountAccessKeysPresent: 1,
    });
    expect(snapshot.sections.virtualMfaDevices?.data).toContainEqual(
      expect.objectContaining({ userArn: `arn:aws:iam::${ACCOUNT}:root` }),
    );
  });

  it('admin (from the template) has a console password, no MFA, and AdministratorAccess through administrators', () => {
    expect(row('admin')).toMatchObject({ passwordEnabled: true, mfaActive: false });
    expect(detailUser('admin')?.groups).toEqual(['administrators']);
    const administrators = details?.groups.find((g) => g.name === 'administrators');
    expect(administrators?.attachedPolicies).toEqual([
      { name: 'AdministratorAccess', arn: ADMINISTRATOR_ACCESS },
    ]);
    expect(policy(ADMINISTRATOR_ACCESS)).toMatchObject({ awsManaged: true, defaultVersionId: 'v1' });
    expect(policy(ADMINISTRATOR_ACCESS)?.versions).toEqual([
      expect.objectContaining({
        isDefault: true,
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }] },
      }),
    ]);
  });

  it('ci-deploy has two active keys, one 200 days old, both used within the last day', () => {
    const keys = row('ci-deploy')?.accessKeys ?? [];
    expect(keys.map((key) => key.active)).toEqual([true, true]);
    // Just under 200 days, so "more than N days" messages (which round up) say 200.
    expect(daysBefore(keys[0]?.lastRotated)).toBeGreaterThan(199);
    expect(daysBefore(keys[0]?.lastRotated)).toBeLessThanOrEqual(200);
    for (const key of keys) expect(daysBefore(key.lastUsedDate)).toBeLessThan(1);
  });

  it('j.morrison has left: password and access key unused for months', () => {
    const departed = row('j.morrison');
    expect(departed?.passwordEnabled).toBe(true);
    expect(daysBefore(departed?.passwordLastUsed)).toBeGreaterThan(180);
    expect(departed?.accessKeys[0].active).toBe(true);
    expect(daysBefore(departed?.accessKeys[0].lastUsedDate)).toBeGreaterThan(180);
  });

  it('the developers use MFA and get their permissions from the developers group', () => {
    for (const name of ['priya.raman', 'tom.becker']) {
      expect(row(name)).toMatchObject({ passwordEnabled: true, mfaActive: true });
      expect(detailUser(name)?.groups).toEqual(['developers']);
    }
  });

  it('the password policy is weak: 8 characters, no symbols, no reuse prevention', () => {
    const passwordPolicy = snapshot.sections.passwordPolicy?.data;
    expect(passwordPolicy).toMatchObject({ MinimumPasswordLength: 8, RequireSymbols: false });
    expect(passwordPolicy?.PasswordReusePrevention).toBeUndefined();
  });

  it('has an EC2 instance role and an admin role trusting the management account', () => {
    const instanceRole = details?.roles.find((r) => r.name === 'web-app-ec2');
    expect(instanceRole?.trustPolicy?.Statement[0]?.Principal).toEqual({ Service: ['ec2.amazonaws.com'] });
    expect(instanceRole?.instanceProfileArns).toHaveLength(1);
    const orgRole = details?.roles.find((r) => r.name === 'OrganizationAccountAccessRole');
    expect(orgRole?.trustPolicy?.Statement[0]?.Principal).toEqual({
      AWS: ['arn:aws:iam::318574620093:root'],
    });
    expect(orgRole?.attachedPolicies.map((p) => p.arn)).toEqual([ADMINISTRATOR_ACCESS]);
  });
});
