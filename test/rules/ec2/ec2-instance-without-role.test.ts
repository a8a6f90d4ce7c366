import { ec2InstanceWithoutRole } from '../../../src/rules/ec2/ec2-instance-without-role.js';
import type { Ec2InstancesRegion, Region } from '../../../src/snapshot/schema.js';
import { region } from '../../builders/guardrails.js';
import { judge, runRule } from '../../builders/rules.js';
import { ACCOUNT, emptySnapshot, withSection } from '../../builders/snapshot.js';

type Instance = Ec2InstancesRegion['instances'][number];

const PROFILE = `arn:aws:iam::${ACCOUNT}:instance-profile/app-server`;

function instance(overrides: Partial<Instance> = {}): Instance {
  return { instanceId: 'i-0123456789abcdef0', state: 'running', instanceProfileArn: PROFILE, ...overrides };
}

function snapshotOf(regions: Region[], instances: Ec2InstancesRegion[]) {
  return withSection(withSection(emptySnapshot(), 'regions', regions), 'ec2Instances', instances);
}

const EU_ONLY = [region('eu-west-1'), region('af-south-1', false)];

describe('ec2-instance-without-role', () => {
  test.each<{ name: string; instances: Instance[]; flagged: string[] }>([
    { name: 'no instance', instances: [], flagged: [] },
    { name: 'running with a profile', instances: [instance()], flagged: [] },
    {
      name: 'running without a profile',
      instances: [instance({ instanceProfileArn: null })],
      flagged: ['i-0123456789abcdef0'],
    },
    {
      // A file saved without the state filter: a stopped instance holds no credentials.
      name: 'stopped without a profile',
      instances: [instance({ state: 'stopped', instanceProfileArn: null })],
      flagged: [],
    },
    {
      name: 'one of each',
      instances: [
        instance({ instanceId: 'i-with' }),
        instance({ instanceId: 'i-without', instanceProfileArn: null }),
      ],
      flagged: ['i-without'],
    },
  ])('$name', ({ instances, flagged }) => {
    const findings = runRule(
      ec2InstanceWithoutRole,
      snapshotOf(EU_ONLY, [{ region: 'eu-west-1', instances, refused: null }]),
    );
    expect(findings.map((finding) => finding.resource)).toEqual(
      flagged.map((id) => `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/${id}`),
    );
  });

  test('the finding names the instance and its region', () => {
    const [finding] = runRule(
      ec2InstanceWithoutRole,
      snapshotOf(EU_ONLY, [
        { region: 'eu-west-1', instances: [instance({ instanceProfileArn: null })], refused: null },
      ]),
    );
    expect(finding!.message).toBe(
      'EC2 instance i-0123456789abcdef0 in eu-west-1 runs without an IAM instance role: software on it ' +
        'that calls AWS must keep long-lived access keys instead.',
    );
  });

  test('a region whose instances were refused is not evaluated by name; the others are judged', () => {
    const snapshot = snapshotOf(
      [region('eu-west-1'), region('us-east-1')],
      [
        {
          region: 'eu-west-1',
          instances: [],
          refused: { code: 'UnauthorizedOperation', message: 'You are not authorized' },
        },
        { region: 'us-east-1', instances: [instance({ instanceProfileArn: null })], refused: null },
      ],
    );
    const { findings, notEvaluated } = judge(ec2InstanceWithoutRole, snapshot);
    expect(findings.map((finding) => finding.resource)).toEqual([
      `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0123456789abcdef0`,
    ]);
    expect(notEvaluated).toEqual([
      {
        resource: 'eu-west-1',
        reason:
          'ec2:DescribeInstances was refused in eu-west-1 (UnauthorizedOperation): its instances are unknown',
      },
    ]);
  });

  test('an enabled region the snapshot holds no data for is an error, never a pass', () => {
    expect(() =>
      judge(ec2InstanceWithoutRole, snapshotOf([region('eu-west-1'), region('us-east-1')], [])),
    ).toThrow('ec2Instances holds no data for enabled region eu-west-1');
  });
});
