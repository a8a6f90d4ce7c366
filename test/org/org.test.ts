// `--org` against the fake endpoint: a management account whose credentials list the organization
// and assume a role in each member (per-account models behind sts:AssumeRole), with the real SDK
// clients, the engine and the real rules.
import { afterEach, describe, expect, test } from '@jest/globals';
import type { OrganizationRun } from '../../src/collect/org.js';
import { evaluate } from '../../src/engine/report.js';
import { resolveRules } from '../../src/engine/resolve-rules.js';
import { exitCodeFor } from '../../src/report/exit-code.js';
import { InputError, RunError } from '../../src/errors.js';
import type { Report } from '../../src/report/model.js';
import { principalPrivilegeEscalation } from '../../src/rules/policy/principal-privilege-escalation.js';
import type { Progress } from '../../src/collect/progress.js';
import {
  allowDocument,
  fakeOrganization,
  FAKE_NOW,
  fakeUser,
  organizationAccount,
} from '../fake-aws/model.js';
import {
  DEFAULT_ROLE_NAME,
  MANAGEMENT_ACCOUNT_ID,
  memberId,
  organizationWorld,
  ROOT_ID,
  WEB_OU,
  WORKLOADS_OU,
} from '../fake-aws/organization.js';
import type { FakeSession } from '../collect/harness.js';
import { AUDIT_RULES, startSession } from '../collect/harness.js';

let session: FakeSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

function audit(run: OrganizationRun, rules = resolveRules(AUDIT_RULES, {})): Report {
  return evaluate(run.accounts, rules, { today: FAKE_NOW, generatedAt: FAKE_NOW });
}

describe('an organization of 50 accounts: 2 refuse AssumeRole, 1 is SUSPENDED', () => {
  const denied = [memberId(7), memberId(31)];
  const suspended = memberId(20);

  test('47 audited with complete findings, 2 failed with the reason, 1 skipped with its state; exit 3', async () => {
    const world = organizationWorld({
      memberCount: 49,
      withoutRole: denied,
      states: { [suspended]: 'SUSPENDED' },
      // Something to find in every member: no security contact.
      member: () => ({ securityContact: null }),
    });
    // ListAccounts in pages of 7, each preceded by an empty page that still carries a NextToken.
    world.organization.listAccountsPageSize = 7;
    world.organization.emptyPages = true;
    session = await startSession(world.management);
    const run = await session.collectOrganization();
    const report = audit(run);

    const status = (wanted: string) => report.accounts.filter((account) => account.status === wanted);
    expect(report.accounts).toHaveLength(50);
    expect(status('audited')).toHaveLength(47);
    expect(status('failed').map(({ accountId, reason }) => ({ accountId, reason }))).toEqual(
      denied.map((id) => ({
        accountId: id,
        reason: expect.stringContaining(
          `cannot assume role arn:aws:iam::${id}:role/${DEFAULT_ROLE_NAME}: User: arn:aws:iam::${MANAGEMENT_ACCOUNT_ID}:user/auditor is not authorized to perform: sts:AssumeRole`,
        ),
      })),
    );
    expect(status('skipped')).toEqual([
      {
        accountId: suspended,
        partition: 'aws',
        status: 'skipped',
        reason: 'account state SUSPENDED',
        sections: {},
      },
    ]);
    // Complete: every rule was evaluated in every audited account, and each member's finding is there.
    expect(report.notEvaluated).toEqual([]);
    expect(report.ruleErrors).toEqual([]);
    const contactless = report.findings.filter((finding) => finding.ruleId === 'security-contact-missing');
    expect(contactless.map((finding) => finding.accountId).sort()).toEqual(
      status('audited')
        .map((account) => account.accountId)
        .filter((id) => id !== MANAGEMENT_ACCOUNT_ID),
    );
    // Nothing fails at the default --fail-on high: the failed accounts alone make the run incomplete.
    expect(report.summary.failing).toBe(0);
    expect(report.summary.accounts).toEqual({ audited: 47, failed: 2, skipped: 1 });
    expect(exitCodeFor(report, false)).toBe(3);
    expect(exitCodeFor(report, true)).toBe(0);
    // Nothing was collected from the suspended account, and no role was assumed in the management account.
    const assumed = session.fake.requests.inputs('sts:AssumeRole').map((input) => input.RoleArn);
    expect(assumed).not.toContain(`arn:aws:iam::${suspended}:role/${DEFAULT_ROLE_NAME}`);
    expect(assumed).not.toContain(`arn:aws:iam::${MANAGEMENT_ACCOUNT_ID}:role/${DEFAULT_ROLE_NAME}`);
    expect(session.fake.requests.perAccount().get(suspended)).toBeUndefined();
  }, 60_000);
});

describe('listing the organization', () => {
  test('State is read first, the older Status only when State is absent; CLOSED and PENDING_* are skipped with it', async () => {
    const world = organizationWorld({
      memberCount: 4,
      states: { [memberId(0)]: 'CLOSED', [memberId(1)]: 'PENDING_ACTIVATION' },
    });
    // An account listed with Status only (SUSPENDED), as before State existed.
    world.organization.accounts.push(
      organizationAccount('300000000000', { state: 'SUSPENDED', statusOnly: true }),
    );
    session = await startSession(world.management);
    const run = await session.collectOrganization();
    expect(
      run.accounts.filter((account) => !account.snapshot).map(({ accountId, reason }) => [accountId, reason]),
    ).toEqual([
      [memberId(0), 'account state CLOSED'],
      [memberId(1), 'account state PENDING_ACTIVATION'],
      ['300000000000', 'account state SUSPENDED'],
    ]);
  });

  test('from an account that is not in an organization: a RunError saying so', async () => {
    const world = organizationWorld({ memberCount: 1 });
    world.management.organization = null;
    session = await startSession(world.management);
    await expect(session.collectOrganization()).rejects.toEqual(
      new RunError(
        `--org: account ${MANAGEMENT_ACCOUNT_ID} is not in an AWS Organization`,
        'Run without --org to audit this account alone.',
      ),
    );
  });

  test('from a member account (ListAccounts refused): a RunError naming the management account to run from', async () => {
    const world = organizationWorld({ memberCount: 1 });
    world.management.organization = fakeOrganization({ managementAccountId: '999999999999' });
    session = await startSession(world.management);
    const error = (await session.collectOrganization().catch((caught: unknown) => caught)) as RunError;
    expect(error).toBeInstanceOf(RunError);
    expect(error.message).toContain('--org: cannot list the accounts of organization o-a1b2c3d4e5');
    expect(error.hint).toContain('management account (999999999999)');
  });
});

describe('selecting accounts', () => {
  test('--accounts and --exclude-accounts', async () => {
    session = await startSession(organizationWorld({ memberCount: 5 }).management);
    const run = await session.collectOrganization({
      accounts: [memberId(0), memberId(1), memberId(2)],
      excludeAccounts: [memberId(1)],
    });
    expect(run.accounts.map((account) => account.snapshot?.accountId)).toEqual([memberId(0), memberId(2)]);
    expect(session.fake.requests.count('sts:AssumeRole')).toBe(2);
  });

  test('an account in --accounts that is not in the organization is an InputError before any account is collected', async () => {
    session = await startSession(organizationWorld({ memberCount: 2 }).management);
    await expect(session.collectOrganization({ accounts: [memberId(0), '111111111111'] })).rejects.toEqual(
      new InputError(
        '--accounts: 111111111111 is not in organization o-a1b2c3d4e5',
        'Check the ids against `aws organizations list-accounts`.',
      ),
    );
    expect(session.fake.requests.count('sts:AssumeRole')).toBe(0);
  });
});

describe('fan-out', () => {
  test('--concurrency bounds the accounts collected at once', async () => {
    session = await startSession(organizationWorld({ memberCount: 9 }).management);
    session.fake.latencyMs = 5;
    let inFlight = 0;
    let most = 0;
    const progress: Progress = {
      update(task) {
        if (task !== 'accounts') return;
        inFlight += 1;
        most = Math.max(most, inFlight);
      },
      done() {
        inFlight -= 1;
      },
      finish() {},
    };
    const run = await session.collectOrganization({ concurrency: 3 }, {}, progress);
    expect(run.accounts).toHaveLength(10);
    expect(most).toBe(3);
  });

  test('--external-id is passed to every member role, which refuses without it', async () => {
    const externalId = 'org-audit-7x';
    const world = organizationWorld({ memberCount: 2 });
    for (const member of world.organization.members.values()) {
      member.roles[0]!.trustPolicy = {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${MANAGEMENT_ACCOUNT_ID}:root` },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'sts:ExternalId': externalId } },
          },
        ],
      };
    }
    session = await startSession(world.management);
    const without = await session.collectOrganization();
    expect(without.accounts.filter((account) => account.status === 'failed')).toHaveLength(2);
    const withId = await session.collectOrganization({}, { externalId });
    expect(withId.accounts.every((account) => account.snapshot)).toBe(true);
    expect(
      session.fake.requests
        .inputs('sts:AssumeRole')
        .slice(-2)
        .map((input) => input.ExternalId),
    ).toEqual([externalId, externalId]);
  });

  test('AssumeRole throttled beyond --max-attempts: that account fails with the reason, the next one is audited', async () => {
    session = await startSession(organizationWorld({ memberCount: 2 }).management);
    session.fake.faults.failFirst('sts:AssumeRole', 'throttling', 3);
    const run = await session.collectOrganization(
      { concurrency: 1, accounts: [memberId(0), memberId(1)] },
      { maxAttempts: 3 },
    );
    expect(run.accounts.map((account) => account.snapshot?.accountId ?? account.reason)).toEqual([
      expect.stringContaining(
        `cannot assume role arn:aws:iam::${memberId(0)}:role/${DEFAULT_ROLE_NAME}: Rate exceeded`,
      ),
      memberId(1),
    ]);
  });

  test('credentials are assumed once per account, and again when they are about to expire', async () => {
    const world = organizationWorld({ memberCount: 2 });
    // Member 1's role hands out credentials that expire within the refresh margin (5 minutes).
    world.organization.members.get(memberId(1))!.roles[0]!.sessionSeconds = 120;
    session = await startSession(world.management);
    await session.collectOrganization();
    const assumed = (id: string) =>
      session!.fake.requests
        .inputs('sts:AssumeRole')
        .filter((input) => input.RoleArn === `arn:aws:iam::${id}:role/${DEFAULT_ROLE_NAME}`).length;
    expect(assumed(memberId(0))).toBe(1);
    expect(assumed(memberId(1))).toBeGreaterThan(1);
  });
});

describe('SCPs from the management account feed every member', () => {
  test("each member's serviceControlPolicies holds the organization's SCPs and its own path root -> OUs -> account", async () => {
    session = await startSession(organizationWorld({ memberCount: 2 }).management);
    const run = await session.collectOrganization();
    const [management, web, workloads] = run.accounts.map((account) => account.snapshot!);
    expect(web!.sections.serviceControlPolicies?.data?.accountPath).toEqual([
      { id: ROOT_ID, type: 'ROOT' },
      { id: WORKLOADS_OU, type: 'ORGANIZATIONAL_UNIT' },
      { id: WEB_OU, type: 'ORGANIZATIONAL_UNIT' },
      { id: memberId(0), type: 'ACCOUNT' },
    ]);
    expect(workloads!.sections.serviceControlPolicies?.data?.accountPath.map((level) => level.id)).toEqual([
      ROOT_ID,
      WORKLOADS_OU,
      memberId(1),
    ]);
    expect(management!.sections.serviceControlPolicies?.data?.accountPath.map((level) => level.id)).toEqual([
      ROOT_ID,
      MANAGEMENT_ACCOUNT_ID,
    ]);
    // Read once for the organization, from the management account; each OU's parent asked once.
    expect(session.fake.requests.count('organizations:ListPolicies')).toBe(1);
    expect(session.fake.requests.inputs('organizations:ListParents').map((input) => input.ChildId)).toEqual(
      expect.arrayContaining([WEB_OU, WORKLOADS_OU]),
    );
    expect(session.fake.requests.count('organizations:ListParents')).toBe(5);
    // The root-access features too, though IAM refuses them to members.
    expect(web!.sections.organizationFeatures?.status).toBe('ok');
  });

  test('an SCP that denies iam:* removes the escalation finding of a principal that only escalates through IAM actions; not in the management account', async () => {
    // The same user in a member and in the management account: it may attach any policy to itself.
    const escalator = () =>
      fakeUser('dev', { inlinePolicies: { self: allowDocument(['iam:AttachUserPolicy']) } });
    const world = organizationWorld({ memberCount: 1, member: () => ({ users: [escalator()] }) });
    world.management.users = [escalator()];
    session = await startSession(world.management);
    const rules = resolveRules([principalPrivilegeEscalation], {});
    const escalations = async () =>
      audit(await session!.collectOrganization(), rules).findings.map((finding) => [
        finding.accountId,
        finding.resource,
      ]);

    expect(await escalations()).toEqual([
      [MANAGEMENT_ACCOUNT_ID, `arn:aws:iam::${MANAGEMENT_ACCOUNT_ID}:user/dev`],
      [memberId(0), `arn:aws:iam::${memberId(0)}:user/dev`],
    ]);

    world.organization.policies.push({
      id: 'p-denyiam1',
      name: 'DenyIam',
      awsManaged: false,
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }] },
      // On the root: it binds every member, but SCPs never restrict the management account.
      targetIds: [ROOT_ID],
    });
    expect(await escalations()).toEqual([
      [MANAGEMENT_ACCOUNT_ID, `arn:aws:iam::${MANAGEMENT_ACCOUNT_ID}:user/dev`],
    ]);
  });

  test("the members' audit role, which trusts the management account, is not flagged as cross-account trust", async () => {
    session = await startSession(organizationWorld({ memberCount: 1 }).management);
    const report = audit(await session.collectOrganization());
    expect(report.findings.filter((finding) => finding.ruleId === 'role-trust-cross-account')).toEqual([]);
  });
});
