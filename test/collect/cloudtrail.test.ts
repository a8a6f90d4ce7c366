// Contract tests for the CloudTrail collector against the fake endpoint (awsJson 1.1, real SDK
// client): shadow trails kept once by ARN, status and selectors asked of the home region, a trail
// refused alone, throttling, an account without trails, and the rules fed end to end.
import { describe, expect, test } from '@jest/globals';
import type { Snapshot } from '../../src/snapshot/schema.js';
import type { FakeAccountInit } from '../fake-aws/model.js';
import { fakeAccount, fakeTrail } from '../fake-aws/model.js';
import type { FakeSession } from './harness.js';
import { auditReport } from './harness.js';
import { sessionPerTest } from './session-per-test.js';

const sessions = sessionPerTest();

const ACCOUNT = '123456789012';
const arnOf = (name: string, home: string, owner = ACCOUNT) =>
  `arn:aws:cloudtrail:${home}:${owner}:trail/${name}`;

/** Collects the trails and the password policy: a run that collects nothing at all fails as a whole. */
async function collect(init: FakeAccountInit = {}, configure?: (fake: FakeSession['fake']) => void) {
  const session = await sessions.start(fakeAccount(init));
  configure?.(session.fake);
  return session.collect({ sections: ['cloudTrails', 'passwordPolicy'] });
}

const trailRules = (snapshot: Snapshot) => {
  const report = auditReport(snapshot);
  return {
    findings: report.findings
      .filter((finding) => finding.ruleId.startsWith('cloudtrail-'))
      .map(({ ruleId, resource }) => ({ ruleId, resource })),
    notEvaluated: report.notEvaluated.filter((entry) => entry.ruleId.startsWith('cloudtrail-')),
  };
};

describe('cloudTrails', () => {
  test('a multi-region trail seen from every region is kept once, its status and selectors read in its home region', async () => {
    const snapshot = await collect({
      trails: [
        fakeTrail({
          homeRegion: 'us-east-1',
          logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:trail:*',
        }),
      ],
    });
    expect(snapshot.sections.cloudTrails).toEqual({
      status: 'ok',
      data: [
        {
          arn: arnOf('management-events', 'us-east-1'),
          name: 'management-events',
          homeRegion: 'us-east-1',
          multiRegion: true,
          organizationTrail: false,
          logFileValidation: true,
          logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:trail:*',
          logging: true,
          eventSelectors: {
            classic: [
              { readWriteType: 'All', includeManagementEvents: true, excludeManagementEventSources: [] },
            ],
            advanced: [],
          },
          unread: [],
        },
      ],
    });
    const requests = sessions.current.fake.requests.entries;
    const where = (action: string) =>
      requests
        .filter((entry) => entry.action === action)
        .map((entry) => entry.signingRegion)
        .sort();
    expect(where('cloudtrail:DescribeTrails')).toEqual(['eu-west-1', 'us-east-1']);
    expect(where('cloudtrail:GetTrailStatus')).toEqual(['us-east-1']);
    expect(where('cloudtrail:GetEventSelectors')).toEqual(['us-east-1']);
    expect(sessions.current.fake.requests.inputs('cloudtrail:GetTrailStatus')).toEqual([
      { Name: arnOf('management-events', 'us-east-1') },
    ]);
    expect(trailRules(snapshot)).toEqual({ findings: [], notEvaluated: [] });
  });

  test('a single-region trail without validation and advanced selectors: both rules fire', async () => {
    const snapshot = await collect({
      trails: [
        fakeTrail({
          name: 'local',
          homeRegion: 'eu-west-1',
          multiRegion: false,
          logFileValidation: false,
          selectors: {
            AdvancedEventSelectors: [
              { Name: 'management', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
            ],
          },
        }),
      ],
    });
    const [trail] = snapshot.sections.cloudTrails!.data as Array<{ eventSelectors: unknown }>;
    expect(trail?.eventSelectors).toEqual({
      classic: [],
      advanced: [
        {
          name: 'management',
          fieldSelectors: [
            {
              field: 'eventCategory',
              equals: ['Management'],
              notEquals: [],
              startsWith: [],
              notStartsWith: [],
              endsWith: [],
              notEndsWith: [],
            },
          ],
        },
      ],
    });
    expect(trailRules(snapshot).findings).toEqual([
      { ruleId: 'cloudtrail-enabled', resource: `arn:aws:iam::${ACCOUNT}:root` },
      { ruleId: 'cloudtrail-log-validation', resource: arnOf('local', 'eu-west-1') },
    ]);
  });

  test('an organization trail the caller may not read is kept, refused by name, and cloudtrail-enabled is not evaluated for it', async () => {
    const snapshot = await collect({
      trails: [
        fakeTrail({ name: 'org', ownerId: '999999999999', organizationTrail: true, unreadable: true }),
      ],
    });
    expect(snapshot.sections.cloudTrails?.status).toBe('ok');
    expect(snapshot.sections.cloudTrails?.data).toEqual([
      expect.objectContaining({
        arn: arnOf('org', 'us-east-1', '999999999999'),
        logging: null,
        eventSelectors: null,
        unread: [
          expect.objectContaining({ action: 'cloudtrail:GetTrailStatus', code: 'AccessDeniedException' }),
          expect.objectContaining({ action: 'cloudtrail:GetEventSelectors', code: 'AccessDeniedException' }),
        ],
      }),
    ]);
    const { findings, notEvaluated } = trailRules(snapshot);
    expect(findings).toEqual([]);
    expect(notEvaluated).toEqual([
      expect.objectContaining({
        ruleId: 'cloudtrail-enabled',
        resource: arnOf('org', 'us-east-1', '999999999999'),
      }),
    ]);
  });

  test('throttled DescribeTrails is retried: the section is whole', async () => {
    const snapshot = await collect({}, (fake) =>
      fake.faults.failFirst('cloudtrail:DescribeTrails', 'throttling', 2),
    );
    expect(snapshot.sections.cloudTrails?.status).toBe('ok');
    expect(snapshot.sections.cloudTrails?.data).toHaveLength(1);
  });

  test('an account without trails is data: cloudtrail-enabled fires', async () => {
    const snapshot = await collect({ trails: [] });
    expect(snapshot.sections.cloudTrails).toEqual({ status: 'ok', data: [] });
    expect(sessions.current.fake.requests.count('cloudtrail:GetTrailStatus')).toBe(0);
    expect(trailRules(snapshot).findings).toEqual([
      { ruleId: 'cloudtrail-enabled', resource: `arn:aws:iam::${ACCOUNT}:root` },
    ]);
  });

  test('DescribeTrails refused: the section is denied and both rules are not evaluated, never passed', async () => {
    const snapshot = await collect({}, (fake) => fake.faults.deny('cloudtrail:DescribeTrails'));
    expect(snapshot.sections.cloudTrails).toMatchObject({
      status: 'denied',
      error: { action: 'cloudtrail:DescribeTrails' },
    });
    expect(
      trailRules(snapshot)
        .notEvaluated.map((entry) => entry.ruleId)
        .sort(),
    ).toEqual(['cloudtrail-enabled', 'cloudtrail-log-validation']);
  });
});
