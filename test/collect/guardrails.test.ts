// Contract tests for the guard-rail collectors against the fake endpoint (Organizations, IAM
// organization features, Account, EC2, Config, Access Analyzer, CloudWatch), each over its own
// protocol with the real SDK clients, and the rules they feed, end to end.
import { describe, expect, test } from '@jest/globals';
import { exitCodeFor } from '../../src/report/exit-code.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { sampleAccount } from '../fake-aws/accounts.js';
import type { FakeAccountInit } from '../fake-aws/model.js';
import {
  fakeAccount,
  fakeBillingAlarm,
  fakeConfigRecorder,
  fakeOrganization,
  fakeRegionServices,
  organizationAccount,
} from '../fake-aws/model.js';
import { auditReport } from './harness.js';
import { sessionPerTest } from './session-per-test.js';

const sessions = sessionPerTest();

async function collect(init: FakeAccountInit = {}): Promise<Snapshot> {
  const session = await sessions.start(fakeAccount(init));
  return session.collect();
}

/** A member of an organization managed by another account. */
const MEMBER: FakeAccountInit = {
  organization: fakeOrganization({
    managementAccountId: '999999999999',
    accounts: [organizationAccount('999999999999'), organizationAccount('123456789012')],
  }),
};

describe('organization', () => {
  test('a member account: the organization with its management account', async () => {
    const snapshot = await collect(MEMBER);
    expect(snapshot.sections.organization).toEqual({
      status: 'ok',
      data: {
        id: 'o-a1b2c3d4e5',
        arn: 'arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5',
        featureSet: 'ALL',
        managementAccountId: '999999999999',
        managementAccountArn: 'arn:aws:organizations::999999999999:account/o-a1b2c3d4e5/999999999999',
      },
    });
  });

  test('standalone (AWSOrganizationsNotInUseException): ok with null; SCPs skipped, not an error; account-not-in-organization fires', async () => {
    const snapshot = await collect({ organization: null });
    expect(snapshot.sections.organization).toEqual({ status: 'ok', data: null });
    expect(snapshot.sections.serviceControlPolicies).toEqual({
      status: 'skipped',
      error: {
        code: 'NotInOrganization',
        message: 'the account is in no organization, so no SCP applies to it',
      },
    });
    expect(snapshot.sections.organizationFeatures).toEqual({
      status: 'ok',
      data: { organizationId: null, enabledFeatures: [] },
    });
    // Nothing else needs ListPolicies when there is no organization.
    expect(sessions.current.fake.requests.count('organizations:ListPolicies')).toBe(0);

    const report = auditReport(snapshot);
    expect(
      report.findings.filter((finding) => finding.ruleId === 'account-not-in-organization'),
    ).toHaveLength(1);
    // The rules about an organization's management account do not apply: neither run nor "not evaluated".
    expect(report.notEvaluated).toEqual([]);
    expect(exitCodeFor(report, false)).toBe(0);
  });
});

describe('organizationFeatures', () => {
  test('the management account reads the enabled features', async () => {
    const snapshot = await collect();
    expect(snapshot.sections.organizationFeatures).toEqual({
      status: 'ok',
      data: {
        organizationId: 'o-a1b2c3d4e5',
        enabledFeatures: ['RootCredentialsManagement', 'RootSessions'],
      },
    });
  });

  test('a member account is skipped with the reason (IAM answers only the management account)', async () => {
    const snapshot = await collect(MEMBER);
    expect(snapshot.sections.organizationFeatures).toMatchObject({
      status: 'skipped',
      error: { code: 'NotManagementAccount', action: 'iam:ListOrganizationsFeatures' },
    });
  });

  test("IAM's trusted access not enabled: no feature can be on, which is data naming the organization", async () => {
    const session = await sessions.start(fakeAccount());
    session.fake.faults.failFirst(
      'iam:ListOrganizationsFeatures',
      { code: 'ServiceAccessNotEnabledException', status: 400, message: 'trusted access is not enabled' },
      1,
    );
    const snapshot = await session.collect();
    expect(snapshot.sections.organizationFeatures).toEqual({
      status: 'ok',
      data: { organizationId: 'o-a1b2c3d4e5', enabledFeatures: [] },
    });
    expect(auditReport(snapshot).findings.map((finding) => finding.ruleId)).toContain(
      'root-credentials-not-centralized',
    );
  });
});

describe('serviceControlPolicies', () => {
  test('the management account reads every SCP with its document and targets, and its own path', async () => {
    const snapshot = await collect();
    const data = snapshot.sections.serviceControlPolicies?.data;
    expect(data?.accountPath).toEqual([
      { id: 'r-a1b2', type: 'ROOT' },
      { id: '123456789012', type: 'ACCOUNT' },
    ]);
    expect(
      data?.policies.map(({ name, awsManaged, targetIds }) => ({ name, awsManaged, targetIds })),
    ).toEqual([
      { name: 'FullAWSAccess', awsManaged: true, targetIds: ['r-a1b2', '123456789012'] },
      { name: 'DenyLeavingOrganization', awsManaged: false, targetIds: ['r-a1b2'] },
    ]);
    expect(data?.policies[1]?.document?.Statement).toEqual([
      { Effect: 'Deny', Action: ['organizations:LeaveOrganization'], Resource: ['*'] },
    ]);
  });

  test('a member account is skipped with the reason, naming the management account', async () => {
    const snapshot = await collect(MEMBER);
    expect(snapshot.sections.serviceControlPolicies).toEqual({
      status: 'skipped',
      error: {
        code: 'NotManagementAccount',
        message:
          'SCPs can be read only from the management account (999999999999) or a delegated administrator; ' +
          'audit with --org from there to apply them to this account',
        action: 'organizations:ListPolicies',
      },
    });
  });

  test('refused in the management account itself: denied (a missing permission), not skipped', async () => {
    const session = await sessions.start(fakeAccount());
    session.fake.faults.deny('organizations:ListPolicies');
    const snapshot = await session.collect();
    expect(snapshot.sections.serviceControlPolicies).toMatchObject({
      status: 'denied',
      error: { action: 'organizations:ListPolicies' },
    });
  });

  test('an organization with consolidated billing only has no SCPs: ok and empty, without asking', async () => {
    const snapshot = await collect({
      organization: fakeOrganization({ featureSet: 'CONSOLIDATED_BILLING', policies: [] }),
    });
    expect(snapshot.sections.serviceControlPolicies).toEqual({
      status: 'ok',
      data: { policies: [], accountPath: [] },
    });
    expect(sessions.current.fake.requests.count('organizations:ListPolicies')).toBe(0);
  });
});

describe('regions', () => {
  test('account:ListRegions, every region with its opt-in status; not-enabled regions marked so', async () => {
    const snapshot = await collect({
      regions: [
        { name: 'us-east-1', optStatus: 'ENABLED_BY_DEFAULT' },
        { name: 'me-south-1', optStatus: 'ENABLED' },
        { name: 'ap-east-1', optStatus: 'ENABLING' },
        { name: 'af-south-1', optStatus: 'DISABLED' },
      ],
    });
    expect(snapshot.sections.regions?.data).toEqual([
      { name: 'af-south-1', optStatus: 'DISABLED', enabled: false },
      { name: 'ap-east-1', optStatus: 'ENABLING', enabled: false },
      { name: 'me-south-1', optStatus: 'ENABLED', enabled: true },
      { name: 'us-east-1', optStatus: 'ENABLED_BY_DEFAULT', enabled: true },
    ]);
    expect(sessions.current.fake.requests.inputs('account:ListRegions')).toEqual([{ MaxResults: 50 }]);
  });

  test('account:ListRegions refused: EC2 DescribeRegions (all regions) gives the same answer in its own words', async () => {
    const session = await sessions.start(fakeAccount());
    session.fake.faults.deny('account:ListRegions');
    const snapshot = await session.collect();
    expect(snapshot.sections.regions).toEqual({
      status: 'ok',
      data: [
        { name: 'af-south-1', optStatus: 'not-opted-in', enabled: false },
        { name: 'eu-west-1', optStatus: 'opt-in-not-required', enabled: true },
        { name: 'us-east-1', optStatus: 'opt-in-not-required', enabled: true },
      ],
    });
    expect(session.fake.requests.inputs('ec2:DescribeRegions')).toEqual([{ AllRegions: 'true' }]);
    expect(snapshot.sections.configRecorders?.status).toBe('ok');
  });

  test('both refused: regions is denied naming account:ListRegions, and the regional sections fail with it', async () => {
    const session = await sessions.start(fakeAccount());
    session.fake.faults.deny('account:ListRegions').deny('ec2:DescribeRegions');
    const snapshot = await session.collect();
    expect(snapshot.sections.regions).toMatchObject({
      status: 'denied',
      error: { action: 'account:ListRegions' },
    });
    expect(snapshot.sections.configRecorders).toMatchObject({
      status: 'denied',
      error: { action: 'account:ListRegions' },
    });
    expect(snapshot.sections.accessAnalyzers?.status).toBe('denied');
    // One ListRegions for all three sections.
    expect(session.fake.requests.count('account:ListRegions')).toBe(1);
  });
});

describe('Config across regions', () => {
  /** Five regions: one off, and each enabled one in a different state; nothing records global IAM types. */
  const ACCOUNT_INIT: FakeAccountInit = {
    regions: [
      { name: 'af-south-1', optStatus: 'DISABLED' },
      { name: 'ap-south-1', optStatus: 'ENABLED_BY_DEFAULT' },
      { name: 'eu-central-1', optStatus: 'ENABLED_BY_DEFAULT' },
      { name: 'eu-west-1', optStatus: 'ENABLED_BY_DEFAULT' },
      { name: 'sa-east-1', optStatus: 'ENABLED_BY_DEFAULT' },
      { name: 'us-east-1', optStatus: 'ENABLED_BY_DEFAULT' },
    ],
    regional: {
      'ap-south-1': fakeRegionServices({ configRecorders: [fakeConfigRecorder({ lastStatus: 'Success' })] }),
      'eu-central-1': fakeRegionServices({
        configRecorders: [fakeConfigRecorder({ lastStatus: 'Failure', lastErrorCode: 'AccessDenied' })],
        deliveryChannels: [{ name: 'default', lastStatus: 'FAILURE', lastErrorCode: 'NoSuchBucket' }],
      }),
      'eu-west-1': fakeRegionServices({
        configRecorders: [fakeConfigRecorder({ recording: false, lastStatus: null })],
      }),
      'sa-east-1': fakeRegionServices({ configRecorders: [fakeConfigRecorder({ lastStatus: 'failure' })] }),
      'us-east-1': fakeRegionServices({
        configRecorders: [],
        deliveryChannels: [],
        alarms: [fakeBillingAlarm({ id: '123456789012', partition: 'aws' })],
      }),
    },
  };

  test('no recorder, stopped, last status failure (any letter case) and healthy regions; a region not enabled is never called', async () => {
    const snapshot = await collect(ACCOUNT_INIT);
    const scanned = sessions.current.fake.requests.entries
      .filter((entry) => entry.action.startsWith('config:'))
      .map((entry) => entry.signingRegion);
    expect([...new Set(scanned)].sort()).toEqual([
      'ap-south-1',
      'eu-central-1',
      'eu-west-1',
      'sa-east-1',
      'us-east-1',
    ]);
    expect(
      sessions.current.fake.requests.entries.filter((entry) => entry.signingRegion === 'af-south-1'),
    ).toEqual([]);

    const findings = auditReport(snapshot).findings;
    const config = findings
      .filter((finding) => finding.ruleId === 'config-recorder-disabled')
      .map((finding) => [finding.discriminator, finding.message]);
    expect(config).toEqual([
      [
        'eu-central-1',
        'Region eu-central-1 has AWS Config recorder default, but its last recording failed (AccessDenied): resource changes there are not recorded.',
      ],
      [
        'eu-west-1',
        'Region eu-west-1 has AWS Config recorder default, but it is not recording: resource changes there are not recorded.',
      ],
      [
        'global-iam',
        'No working AWS Config recorder in the 5 enabled regions records global IAM resources (users, groups, roles, policies): changes to IAM are recorded nowhere.',
      ],
      [
        'sa-east-1',
        'Region sa-east-1 has AWS Config recorder default, but its last recording failed: resource changes there are not recorded.',
      ],
      ['us-east-1', 'Region us-east-1 has no AWS Config recorder: resource changes there are not recorded.'],
    ]);
    expect(
      findings
        .filter((finding) => finding.ruleId === 'config-delivery-failing')
        .map((finding) => finding.message),
    ).toEqual([
      'AWS Config delivery channel default in eu-central-1 failed its last delivery (NoSuchBucket).',
    ]);
  });

  test('global IAM resources recorded in one healthy region: no global finding', async () => {
    const snapshot = await collect({
      ...ACCOUNT_INIT,
      regional: {
        ...ACCOUNT_INIT.regional,
        'ap-south-1': fakeRegionServices({
          configRecorders: [fakeConfigRecorder({ includeGlobalResourceTypes: true })],
        }),
      },
    });
    const discriminators = auditReport(snapshot)
      .findings.filter((finding) => finding.ruleId === 'config-recorder-disabled')
      .map((finding) => finding.discriminator);
    expect(discriminators).not.toContain('global-iam');
    expect(discriminators).not.toContain('ap-south-1');
  });

  test('a region that cannot be read fails the section, naming the region: never a pass for the others', async () => {
    const session = await sessions.start(fakeAccount());
    session.fake.faults.deny('config:DescribeConfigurationRecorderStatus');
    const snapshot = await session.collect();
    expect(snapshot.sections.configRecorders).toMatchObject({
      status: 'denied',
      error: {
        action: 'config:DescribeConfigurationRecorderStatus',
        message: expect.stringMatching(/^eu-west-1: User: .* is not authorized/),
      },
    });
    const notEvaluated = auditReport(snapshot).notEvaluated.map((entry) => entry.ruleId);
    expect(notEvaluated).toContain('config-recorder-disabled');
    // The delivery status is its own section, read by its own call.
    expect(notEvaluated).not.toContain('config-delivery-failing');
  });
});

describe('accessAnalyzers', () => {
  test('every analyzer of every enabled region, following nextToken', async () => {
    const many = Array.from({ length: 12 }, (_, index) => ({
      name: `analyzer-${index}`,
      type: 'ACCOUNT',
      status: 'ACTIVE',
    }));
    const snapshot = await collect({
      regional: {
        'eu-west-1': fakeRegionServices({ analyzers: many }),
        'us-east-1': fakeRegionServices({
          analyzers: [{ name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE' }],
        }),
      },
    });
    const data = snapshot.sections.accessAnalyzers?.data;
    expect(data?.map((region) => [region.region, region.analyzers.length])).toEqual([
      ['eu-west-1', 12],
      ['us-east-1', 1],
    ]);
    expect(sessions.current.fake.requests.count('access-analyzer:ListAnalyzers')).toBe(3);
    expect(data?.[1]?.analyzers[0]).toEqual({
      name: 'unused',
      arn: 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/unused',
      type: 'ACCOUNT_UNUSED_ACCESS',
      status: 'ACTIVE',
    });
    const findings = auditReport(snapshot).findings.filter(
      (finding) => finding.ruleId === 'access-analyzer-disabled',
    );
    expect(findings.map((finding) => finding.discriminator)).toEqual(['us-east-1']);
  });
});

describe('alternateContacts', () => {
  test('the SECURITY contact', async () => {
    const snapshot = await collect();
    expect(snapshot.sections.alternateContacts).toEqual({
      status: 'ok',
      data: {
        security: {
          name: 'Security Team',
          emailAddress: 'security@example.com',
          phoneNumber: '+1-555-0100',
          title: 'Security',
        },
      },
    });
    expect(sessions.current.fake.requests.inputs('account:GetAlternateContact')).toEqual([
      { AlternateContactType: 'SECURITY' },
    ]);
  });

  test('none set (ResourceNotFoundException) is data: security null, and security-contact-missing fires', async () => {
    const snapshot = await collect({ securityContact: null });
    expect(snapshot.sections.alternateContacts).toEqual({ status: 'ok', data: { security: null } });
    expect(auditReport(snapshot).findings.map((finding) => finding.ruleId)).toContain(
      'security-contact-missing',
    );
  });
});

describe('billingAlarms', () => {
  test('read in us-east-1 whatever the configured region; only alarms on AWS/Billing EstimatedCharges are kept, metric math included', async () => {
    const account = { id: '123456789012', partition: 'aws' };
    const snapshot = await collect({
      regional: {
        'eu-west-1': fakeRegionServices(),
        'us-east-1': fakeRegionServices({
          alarms: [
            fakeBillingAlarm(account, { name: 'cpu', namespace: 'AWS/EC2', metricName: 'CPUUtilization' }),
            fakeBillingAlarm(account, { name: 'spend-math', asMetricMath: true, actionsEnabled: false }),
          ],
        }),
      },
    });
    expect(
      new Set(
        sessions.current.fake.requests.entries
          .filter((e) => e.action.startsWith('cloudwatch:'))
          .map((e) => e.signingRegion),
      ),
    ).toEqual(new Set(['us-east-1']));
    expect(snapshot.sections.billingAlarms?.data).toEqual([
      {
        alarmName: 'spend-math',
        alarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:spend-math',
        namespace: 'AWS/Billing',
        metricName: 'EstimatedCharges',
        actionsEnabled: false,
        alarmActions: ['arn:aws:sns:us-east-1:123456789012:billing-alerts'],
        stateValue: 'OK',
      },
    ]);
    expect(sessions.current.fake.requests.inputs('cloudwatch:DescribeAlarms')).toEqual([
      { AlarmTypes: ['MetricAlarm'], MaxRecords: 100 },
    ]);
    expect(auditReport(snapshot).findings.map((finding) => finding.ruleId)).toContain(
      'billing-alarm-missing',
    );
  });

  test('GovCloud: skipped with the reason, CloudWatch never called, and billing-alarm-missing does not apply', async () => {
    const session = await sessions.start(sampleAccount({ partition: 'aws-us-gov' }), 'us-gov-west-1');
    // Only the billing alarms: the log alarms section asks CloudWatch in GovCloud too.
    const snapshot = await session.collect({ sections: ['billingAlarms', 'passwordPolicy'] });
    expect(snapshot.sections.billingAlarms).toMatchObject({
      status: 'skipped',
      error: { code: 'NoBillingMetrics', action: 'cloudwatch:DescribeAlarms' },
    });
    expect(session.fake.requests.count('cloudwatch:DescribeAlarms')).toBe(0);
    expect(auditReport(snapshot).notEvaluated.map((entry) => entry.ruleId)).not.toContain(
      'billing-alarm-missing',
    );
  });
});
