// The AWS CLI reader on the guard-rail outputs: single files (organization, regions, contact,
// alarms) and per-region files (`<command>.<region>.json`) for Config and Access Analyzer.
import { readAwsCliDir } from '../../src/snapshot/aws-cli.js';
import { TEST_ACCOUNT, reportCsv, rootLine } from './report-csv.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';

afterEach(removeTempDirs);

/** A credential report names the account; the other files are the guard rails under test. */
const REPORT = { 'credential-report.csv': reportCsv([rootLine()]) };

const REGIONS = JSON.stringify({
  Regions: [
    { RegionName: 'eu-west-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' },
    { RegionName: 'af-south-1', RegionOptStatus: 'DISABLED' },
  ],
});

function configFiles(region: string): Record<string, string> {
  return {
    [`describe-configuration-recorders.${region}.json`]: JSON.stringify({
      ConfigurationRecorders: [
        {
          name: 'default',
          roleARN: 'arn:aws:iam::1:role/x',
          recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
        },
      ],
    }),
    [`describe-configuration-recorder-status.${region}.json`]: JSON.stringify({
      ConfigurationRecordersStatus: [
        {
          name: 'default',
          recording: true,
          lastStatus: 'SUCCESS',
          lastStatusChangeTime: '2026-10-31T22:14:05.120000+00:00',
        },
      ],
    }),
    [`describe-delivery-channel-status.${region}.json`]: JSON.stringify({
      DeliveryChannelsStatus: [
        {
          name: 'default',
          configHistoryDeliveryInfo: { lastStatus: 'SUCCESS', lastAttemptTime: 1793489531.482 },
          configSnapshotDeliveryInfo: { lastStatus: 'FAILURE', lastErrorCode: 'NoSuchBucket' },
        },
      ],
    }),
  };
}

describe('guard-rail files', () => {
  test('organization, regions, contact and alarms; empty files are the CLI\'s "none"', () => {
    const dir = tempDirWith({
      ...REPORT,
      'describe-organization.json': '',
      'list-regions.json': REGIONS,
      'get-alternate-contact-security.json': '\n',
      'describe-alarms.json': JSON.stringify({
        MetricAlarms: [
          {
            AlarmName: 'spend',
            Namespace: 'AWS/Billing',
            MetricName: 'EstimatedCharges',
            ActionsEnabled: true,
            AlarmActions: ['arn:aws:sns:us-east-1:1:topic'],
            StateValue: 'OK',
          },
        ],
        CompositeAlarms: [],
      }),
    });
    const { sections } = readAwsCliDir(dir);
    expect(sections.organization).toMatchObject({ status: 'ok', data: null });
    expect(sections.alternateContacts).toMatchObject({ status: 'ok', data: { security: null } });
    expect(sections.regions?.data).toEqual([
      { name: 'af-south-1', optStatus: 'DISABLED', enabled: false },
      { name: 'eu-west-1', optStatus: 'ENABLED_BY_DEFAULT', enabled: true },
    ]);
    expect(sections.billingAlarms?.data?.map((alarm) => [alarm.alarmName, alarm.actionsEnabled])).toEqual([
      ['spend', true],
    ]);
  });

  test('regions from ec2 describe-regions --all-regions when list-regions.json is not there', () => {
    const dir = tempDirWith({
      ...REPORT,
      'describe-regions.json': JSON.stringify({
        Regions: [
          {
            RegionName: 'eu-west-1',
            Endpoint: 'ec2.eu-west-1.amazonaws.com',
            OptInStatus: 'opt-in-not-required',
          },
          { RegionName: 'me-south-1', Endpoint: 'ec2.me-south-1.amazonaws.com', OptInStatus: 'not-opted-in' },
        ],
      }),
    });
    expect(readAwsCliDir(dir).sections.regions?.data?.map((region) => [region.name, region.enabled])).toEqual(
      [
        ['eu-west-1', true],
        ['me-south-1', false],
      ],
    );
  });
});

describe('per-region files', () => {
  test('read for each enabled region only; a disabled region needs no files', () => {
    const dir = tempDirWith({
      ...REPORT,
      'list-regions.json': REGIONS,
      ...configFiles('eu-west-1'),
      'list-analyzers.eu-west-1.json': JSON.stringify({
        analyzers: [
          {
            name: 'a',
            arn: `arn:aws:access-analyzer:eu-west-1:${TEST_ACCOUNT}:analyzer/a`,
            type: 'ACCOUNT',
            status: 'ACTIVE',
          },
        ],
      }),
    });
    const { sections } = readAwsCliDir(dir);
    expect(sections.configRecorders?.status).toBe('ok');
    const [region] = sections.configRecorders?.data ?? [];
    expect(region?.region).toBe('eu-west-1');
    expect(region?.recorders[0]).toMatchObject({
      name: 'default',
      allSupported: true,
      includeGlobalResourceTypes: true,
    });
    // The failed snapshot delivery is the channel's status, not the successful history delivery.
    expect(sections.configDeliveryStatus?.data?.[0]?.deliveryChannels).toEqual([
      {
        name: 'default',
        lastStatus: 'FAILURE',
        lastErrorCode: 'NoSuchBucket',
        lastErrorMessage: null,
        lastAttemptTime: null,
      },
    ]);
    expect(sections.accessAnalyzers?.data?.map((entry) => [entry.region, entry.analyzers.length])).toEqual([
      ['eu-west-1', 1],
    ]);
  });

  test("a region's missing file leaves its section skipped, naming the file and how to save it", () => {
    const files = configFiles('eu-west-1');
    delete files['describe-configuration-recorder-status.eu-west-1.json'];
    const dir = tempDirWith({ ...REPORT, 'list-regions.json': REGIONS, ...files });
    const section = readAwsCliDir(dir).sections.configRecorders;
    expect(section?.status).toBe('skipped');
    expect(section?.error?.message).toBe(
      `describe-configuration-recorder-status.eu-west-1.json not found in ${dir} (save them with: in each enabled region R: ` +
        'aws configservice describe-configuration-recorders --region R > describe-configuration-recorders.R.json, ' +
        'and likewise describe-configuration-recorder-status)',
    );
  });

  test('without the delivery-channel status files, only the delivery status is skipped', () => {
    const files = configFiles('eu-west-1');
    delete files['describe-delivery-channel-status.eu-west-1.json'];
    const dir = tempDirWith({ ...REPORT, 'list-regions.json': REGIONS, ...files });
    const { sections } = readAwsCliDir(dir);
    expect(sections.configRecorders?.status).toBe('ok');
    expect(sections.configDeliveryStatus).toEqual({
      status: 'skipped',
      error: {
        code: 'FileMissing',
        message:
          `describe-delivery-channel-status.eu-west-1.json not found in ${dir} (save them with: in each enabled region R: ` +
          'aws configservice describe-delivery-channel-status --region R > describe-delivery-channel-status.R.json)',
        action: 'config:DescribeDeliveryChannelStatus',
      },
    });
  });

  test('without the regions, the regional sections are skipped and say which file they need', () => {
    const dir = tempDirWith({ ...REPORT, ...configFiles('eu-west-1') });
    const { sections } = readAwsCliDir(dir);
    expect(sections.accessAnalyzers).toEqual({
      status: 'skipped',
      error: {
        code: 'FileMissing',
        message:
          "accessAnalyzers needs the account's regions: save list-regions.json first (aws account list-regions > list-regions.json)",
        action: 'access-analyzer:ListAnalyzers',
      },
    });
  });

  test('a bad file is an InputError naming it and the field', () => {
    const files = configFiles('eu-west-1');
    files['describe-configuration-recorder-status.eu-west-1.json'] = JSON.stringify({
      ConfigurationRecordersStatus: [{ name: 'default', recording: 'yes' }],
    });
    const dir = tempDirWith({ ...REPORT, 'list-regions.json': REGIONS, ...files });
    expect(() => readAwsCliDir(dir)).toThrow(
      `${dir}/describe-configuration-recorder-status.eu-west-1.json: ConfigurationRecordersStatus[0].recording: Invalid input: expected boolean`,
    );
  });
});
