// The AWS CLI reader on CloudTrail outputs: describe-trails.json, and beside it each trail's
// get-trail-status.<name>.json and get-event-selectors.<name>.json. A trail whose per-trail file
// was not saved is kept with that read missing, so its rules say "not evaluated" by name.
import { readAwsCliDir } from '../../src/snapshot/aws-cli.js';
import { reportCsv, rootLine } from './report-csv.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';

afterEach(removeTempDirs);

const ARN = 'arn:aws:cloudtrail:us-east-1:123456789012:trail/audit';
const DESCRIBE = JSON.stringify({
  trailList: [
    {
      Name: 'audit',
      TrailARN: ARN,
      HomeRegion: 'us-east-1',
      IsMultiRegionTrail: false,
      IsOrganizationTrail: false,
      LogFileValidationEnabled: false,
      CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:audit:*',
    },
  ],
});

describe('CloudTrail files', () => {
  test('a trail with its status and selectors saved beside describe-trails.json', () => {
    const dir = tempDirWith({
      'credential-report.csv': reportCsv([rootLine()]),
      'describe-trails.json': DESCRIBE,
      'get-trail-status.audit.json': JSON.stringify({
        IsLogging: true,
        LatestDeliveryTime: '2026-10-31T22:00:00+00:00',
      }),
      'get-event-selectors.audit.json': JSON.stringify({
        TrailARN: ARN,
        EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [] }],
      }),
    });
    expect(readAwsCliDir(dir).sections.cloudTrails).toEqual({
      status: 'ok',
      data: [
        {
          arn: ARN,
          name: 'audit',
          homeRegion: 'us-east-1',
          multiRegion: false,
          organizationTrail: false,
          logFileValidation: false,
          logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:audit:*',
          logging: true,
          eventSelectors: {
            classic: [
              {
                readWriteType: 'WriteOnly',
                includeManagementEvents: true,
                excludeManagementEventSources: [],
              },
            ],
            advanced: [],
          },
          unread: [],
        },
      ],
    });
  });

  test('a per-trail file not saved: that read is missing for that trail, named', () => {
    const dir = tempDirWith({
      'credential-report.csv': reportCsv([rootLine()]),
      'describe-trails.json': DESCRIBE,
      'get-event-selectors.audit.json': JSON.stringify({ TrailARN: ARN, AdvancedEventSelectors: [] }),
    });
    const [trail] = readAwsCliDir(dir).sections.cloudTrails!.data!;
    expect(trail).toMatchObject({
      logging: null,
      eventSelectors: { classic: [], advanced: [] },
      unread: [
        {
          action: 'cloudtrail:GetTrailStatus',
          code: 'NotSaved',
          message:
            'get-trail-status.audit.json was not saved beside describe-trails.json: aws cloudtrail get-trail-status --name arn:aws:cloudtrail:us-east-1:123456789012:trail/audit > get-trail-status.audit.json',
        },
      ],
    });
  });
});
