// Contract tests for each collector against the fake endpoint: what the real SDK clients receive
// over IAM's Query protocol ends up in the snapshot in the schema's normalised form.
import { describe, expect, test } from '@jest/globals';
import { SECTION_NAMES, snapshotSchema } from '../../src/snapshot/schema.js';
import { sampleAccount } from '../fake-aws/accounts.js';
import {
  allowDocument,
  daysBefore,
  fakeAccount,
  fakeManagedPolicy,
  fakeRole,
  fakeUser,
  FAKE_NOW,
} from '../fake-aws/model.js';
import { sessionPerTest } from './session-per-test.js';

const sessions = sessionPerTest();

describe('a full collection of a small account', () => {
  test('fills every section with status ok, and identifies the account', async () => {
    const session = await sessions.start(sampleAccount());
    const snapshot = await session.collect();

    expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
    expect(snapshot).toMatchObject({
      accountId: '123456789012',
      partition: 'aws',
      accountAlias: 'acme-prod',
      callerArn: 'arn:aws:iam::123456789012:user/auditor',
      source: { kind: 'live' },
    });
    // Every section in schema order, but cloudFormation: only `iamspect template` fills that one.
    expect(Object.keys(snapshot.sections)).toEqual(SECTION_NAMES.filter((name) => name !== 'cloudFormation'));
    for (const section of Object.values(snapshot.sections)) expect(section.status).toBe('ok');
  });

  test('collectedAt is the clock after collection, so the credential report is never newer than the snapshot', async () => {
    const session = await sessions.start(sampleAccount());
    const snapshot = await session.collect();
    const generated = snapshot.sections.credentialReport?.data?.generatedTime;
    expect(generated).toBe(FAKE_NOW.toISOString());
    // The default fake report needs one poll (250 ms on the virtual clock) before it is COMPLETE.
    expect(snapshot.collectedAt).toBe(new Date(FAKE_NOW.getTime() + 250).toISOString());
  });
});

describe('authorizationDetails', () => {
  test('pages each entity type with MaxItems 1000, following the Marker through 3+ pages', async () => {
    const account = fakeAccount({
      users: Array.from({ length: 2_500 }, (_, index) => fakeUser(`user-${index}`)),
      roles: Array.from({ length: 900 }, (_, index) => fakeRole(`role-${index}`)),
      policies: Array.from({ length: 300 }, (_, index) =>
        fakeManagedPolicy(`policy-${index}`, allowDocument(['s3:*'])),
      ),
    });
    const session = await sessions.start(account);
    const snapshot = await session.collect();

    const calls = session.fake.requests.inputs('iam:GetAccountAuthorizationDetails');
    const userPages = calls.filter((input) => (input.Filter as string[])[0] === 'User');
    expect(userPages).toHaveLength(3);
    expect(userPages.map((input) => input.MaxItems)).toEqual(['1000', '1000', '1000']);
    expect(userPages[0]!.Marker).toBeUndefined();
    expect(new Set(userPages.slice(1).map((input) => input.Marker)).size).toBe(2);
    // One more chain per other entity type, each a single page here.
    expect(calls.map((input) => input.Filter).sort()).toEqual([
      ['AWSManagedPolicy'],
      ['Group'],
      ['LocalManagedPolicy'],
      ['Role'],
      ['User'],
      ['User'],
      ['User'],
    ]);
    const details = snapshot.sections.authorizationDetails?.data;
    expect(details?.users).toHaveLength(2_500);
    expect(new Set(details?.users.map((user) => user.name)).size).toBe(2_500);
    expect(details?.roles).toHaveLength(900);
    expect(details?.policies).toHaveLength(300);
  }, 30_000); // thousands of principals through the fake endpoint: slow on a loaded machine, not a timing test

  test('URL-decodes documents without turning + into a space, and keeps users, groups, roles and policies apart', async () => {
    const session = await sessions.start(sampleAccount());
    const details = (await session.collect()).sections.authorizationDetails?.data;

    const bob = details?.users.find((user) => user.name === 'bob');
    expect(bob?.inlinePolicies).toEqual([
      {
        name: 'read-reports',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::reports+archive/*'] },
          ],
        },
      },
    ]);
    const machine = details?.users.find((user) => user.name === 'ci+deploy');
    expect(machine).toMatchObject({
      arn: 'arn:aws:iam::123456789012:user/machines/ci+deploy',
      path: '/machines/',
      attachedPolicies: [{ name: 'deploy', arn: 'arn:aws:iam::123456789012:policy/deploy' }],
    });
    expect(details?.groups.map((group) => group.name)).toEqual(['admins', 'empty']);
    const openDoor = details?.roles.find((role) => role.name === 'open-door');
    expect(openDoor?.trustPolicy?.Statement[0]).toMatchObject({
      Principal: { AWS: ['*'] },
      Action: ['sts:AssumeRole'],
    });
    expect(openDoor?.lastUsed).toEqual({ date: null, region: null });
    const app = details?.roles.find((role) => role.name === 'app');
    expect(app?.lastUsed).toEqual({ date: daysBefore(3).toISOString(), region: 'eu-west-1' });
    expect(app?.instanceProfileArns).toEqual(['arn:aws:iam::123456789012:instance-profile/app']);
    // The AWS managed policy nobody uses is not in GetAccountAuthorizationDetails.
    expect(
      details?.policies.map((policy) => [policy.name, policy.awsManaged, policy.attachmentCount]),
    ).toEqual([
      ['deploy', false, 1],
      ['AdministratorAccess', true, 2],
    ]);
  });
});

describe('the smaller sections', () => {
  test('accountSummary keeps the SummaryMap, including the root flags', async () => {
    const session = await sessions.start(sampleAccount({ root: { mfa: 'virtual', accessKeys: [] } }));
    const summary = (await session.collect()).sections.accountSummary?.data;
    expect(summary).toMatchObject({
      Users: 3,
      Groups: 2,
      Roles: 2,
      AccountMFAEnabled: 1,
      AccountAccessKeysPresent: 0,
    });
  });

  test('passwordPolicy holds the policy when one is set', async () => {
    const session = await sessions.start(
      sampleAccount({ passwordPolicy: { MinimumPasswordLength: 8, RequireSymbols: true } }),
    );
    const section = (await session.collect()).sections.passwordPolicy;
    expect(section).toEqual({ status: 'ok', data: { MinimumPasswordLength: 8, RequireSymbols: true } });
  });

  test('passwordPolicy is ok with null data when IAM says NoSuchEntity (no policy is a fact, not a failure)', async () => {
    const session = await sessions.start(sampleAccount({ passwordPolicy: null }));
    const section = (await session.collect()).sections.passwordPolicy;
    expect(section).toEqual({ status: 'ok', data: null });
  });

  test('virtualMfaDevices asks for assigned devices only and tells root from users', async () => {
    const session = await sessions.start(sampleAccount({ root: { mfa: 'virtual' } }));
    const devices = (await session.collect()).sections.virtualMfaDevices?.data;
    expect(session.fake.requests.inputs('iam:ListVirtualMFADevices')).toEqual([
      { AssignmentStatus: 'Assigned', MaxItems: '1000' },
    ]);
    expect(devices).toEqual([
      {
        serialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device',
        userArn: 'arn:aws:iam::123456789012:root',
        userName: null,
        enableDate: expect.any(String),
      },
      {
        serialNumber: 'arn:aws:iam::123456789012:mfa/alice',
        userArn: 'arn:aws:iam::123456789012:user/alice',
        userName: 'alice',
        enableDate: expect.any(String),
      },
    ]);
  });

  test('serverCertificates keeps names, ARNs and expiration dates', async () => {
    const session = await sessions.start(sampleAccount());
    const certificates = (await session.collect()).sections.serverCertificates?.data;
    expect(
      certificates?.map((certificate) => [certificate.name, certificate.arn, certificate.expiration]),
    ).toEqual([
      ['old-site', 'arn:aws:iam::123456789012:server-certificate/old-site', daysBefore(10).toISOString()],
      ['new-site', 'arn:aws:iam::123456789012:server-certificate/new-site', daysBefore(-200).toISOString()],
    ]);
  });

  test('an account without an alias has accountAlias null', async () => {
    const session = await sessions.start(sampleAccount({ alias: null }));
    expect((await session.collect()).accountAlias).toBeNull();
  });

  test('a denied alias leaves accountAlias unknown and everything else collected', async () => {
    const session = await sessions.start(sampleAccount());
    session.fake.faults.deny('iam:ListAccountAliases');
    const snapshot = await session.collect();
    expect(snapshot.accountAlias).toBeUndefined();
    expect(Object.values(snapshot.sections).every((section) => section.status === 'ok')).toBe(true);
  });
});
