// Contract tests for the ec2Instances collector against the fake endpoint (EC2 Query protocol, the
// real SDK client): every page, only running instances asked for, one region refused alone (not
// evaluated by name), refused everywhere (denied), throttling, and an account without instances.
import { describe, expect, test } from '@jest/globals';
import type { Snapshot } from '../../src/snapshot/schema.js';
import type { FakeInstance, FakeRegionServices } from '../fake-aws/model.js';
import { fakeAccount } from '../fake-aws/model.js';
import type { FakeSession } from './harness.js';
import { auditReport } from './harness.js';
import { sessionPerTest } from './session-per-test.js';

const sessions = sessionPerTest();

const ACCOUNT = '123456789012';
const PROFILE = `arn:aws:iam::${ACCOUNT}:instance-profile/app-server`;

/** The well-kept account (eu-west-1 and us-east-1 enabled), with regions changed. */
async function collect(
  regions: Record<string, Partial<FakeRegionServices>> = {},
  configure?: (fake: FakeSession['fake']) => void,
) {
  const account = fakeAccount();
  for (const [name, changes] of Object.entries(regions)) {
    account.regional[name] = { ...account.regional[name]!, ...changes };
  }
  const session = await sessions.start(account);
  configure?.(session.fake);
  return session.collect({ sections: ['regions', 'ec2Instances'] });
}

function verdicts(snapshot: Snapshot) {
  const report = auditReport(snapshot);
  const mine = <T extends { ruleId: string }>(entries: T[]) =>
    entries.filter((entry) => entry.ruleId === 'ec2-instance-without-role');
  return {
    findings: mine(report.findings).map((finding) => finding.resource),
    notEvaluated: mine(report.notEvaluated).map(({ resource, reason }) => ({ resource, reason })),
  };
}

describe('ec2Instances', () => {
  test('the well-kept account: its running instance with its profile; the stopped one is not asked for', async () => {
    const snapshot = await collect();
    expect(snapshot.sections.ec2Instances).toEqual({
      status: 'ok',
      data: [
        {
          region: 'eu-west-1',
          instances: [{ instanceId: 'i-0a1b2c3d4e5f60001', state: 'running', instanceProfileArn: PROFILE }],
          refused: null,
        },
        { region: 'us-east-1', instances: [], refused: null },
      ],
    });
    const [input] = sessions.current.fake.requests.inputs('ec2:DescribeInstances');
    expect(input).toMatchObject({
      Filter: { '1': { Name: 'instance-state-name', Value: { '1': 'running' } } },
      MaxResults: '1000',
    });
    expect(verdicts(snapshot)).toEqual({ findings: [], notEvaluated: [] });
  });

  test('every page: 1500 running instances, of which the last has no profile', async () => {
    const instances: FakeInstance[] = Array.from({ length: 1500 }, (_, index) => ({
      id: `i-${String(index).padStart(17, '0')}`,
      state: 'running',
      profile: index === 1499 ? null : 'app-server',
    }));
    const snapshot = await collect({ 'eu-west-1': { instances } });
    expect(snapshot.sections.ec2Instances!.data![0]!.instances).toHaveLength(1500);
    expect(sessions.current.fake.requests.count('ec2:DescribeInstances')).toBe(3); // 2 pages, 1 empty region
    expect(verdicts(snapshot).findings).toEqual([
      `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-00000000000001499`,
    ]);
  });

  test('refused in one region: that region is not evaluated by name, the other is judged', async () => {
    const snapshot = await collect({
      'eu-west-1': { instancesDenied: true },
      'us-east-1': { instances: [{ id: 'i-0ff', state: 'running', profile: null }] },
    });
    expect(snapshot.sections.ec2Instances!.status).toBe('ok');
    expect(verdicts(snapshot)).toEqual({
      findings: [`arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0ff`],
      notEvaluated: [
        {
          resource: 'eu-west-1',
          reason:
            'ec2:DescribeInstances was refused in eu-west-1 (UnauthorizedOperation): its instances are unknown',
        },
      ],
    });
  });

  test('refused everywhere: the section is denied and the rule not evaluated', async () => {
    const snapshot = await collect({}, (fake) => fake.faults.deny('ec2:DescribeInstances'));
    expect(snapshot.sections.ec2Instances!.status).toBe('denied');
    expect(verdicts(snapshot).findings).toEqual([]);
  });

  test('throttled calls are retried: the section is whole', async () => {
    const snapshot = await collect({}, (fake) =>
      fake.faults.failFirst('ec2:DescribeInstances', 'throttling', 2),
    );
    expect(snapshot.sections.ec2Instances!.status).toBe('ok');
    expect(snapshot.sections.ec2Instances!.data![0]!.instances).toHaveLength(1);
  });

  test('an account without instances: no finding, nothing unjudged', async () => {
    const snapshot = await collect({ 'eu-west-1': { instances: [] } });
    expect(snapshot.sections.ec2Instances!.data).toEqual([
      { region: 'eu-west-1', instances: [], refused: null },
      { region: 'us-east-1', instances: [], refused: null },
    ]);
    expect(verdicts(snapshot)).toEqual({ findings: [], notEvaluated: [] });
  });
});
