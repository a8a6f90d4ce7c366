import { cloudtrailEnabled } from '../../../src/rules/account/cloudtrail-enabled.js';
import type { Trail } from '../../../src/snapshot/schema.js';
import { judge, runRule } from '../../builders/rules.js';
import { ACCOUNT, emptySnapshot, withSection } from '../../builders/snapshot.js';
import { advancedSelectors, classicSelectors, trail } from '../../builders/trails.js';

const ACCOUNT_ARN = `arn:aws:iam::${ACCOUNT}:root`;
const snapshotOf = (trails: Trail[]) => withSection(emptySnapshot(), 'cloudTrails', trails);

describe('cloudtrail-enabled', () => {
  test.each<{ name: string; trails: Trail[]; passes: boolean }>([
    { name: 'a multi-region trail logging every management event', trails: [trail()], passes: true },
    { name: 'no trail at all', trails: [], passes: false },
    { name: 'a single-region trail', trails: [trail({ multiRegion: false })], passes: false },
    { name: 'a multi-region trail that is stopped', trails: [trail({ logging: false })], passes: false },
    {
      name: 'classic selectors recording writes only',
      trails: [trail({ eventSelectors: classicSelectors({ readWriteType: 'WriteOnly' }) })],
      passes: false,
    },
    {
      name: 'classic selectors without management events',
      trails: [trail({ eventSelectors: classicSelectors({ includeManagementEvents: false }) })],
      passes: false,
    },
    {
      name: 'classic selectors excluding KMS events',
      trails: [
        trail({ eventSelectors: classicSelectors({ excludeManagementEventSources: ['kms.amazonaws.com'] }) }),
      ],
      passes: false,
    },
    {
      name: 'an advanced selector for management events',
      trails: [trail({ eventSelectors: advancedSelectors(['eventCategory', ['Management']]) })],
      passes: true,
    },
    {
      name: 'an advanced selector for management reads only',
      trails: [
        trail({
          eventSelectors: advancedSelectors(['eventCategory', ['Management']], ['readOnly', ['true']]),
        }),
      ],
      passes: false,
    },
    {
      name: 'an advanced selector for data events only',
      trails: [
        trail({
          eventSelectors: advancedSelectors(
            ['eventCategory', ['Data']],
            ['resources.type', ['AWS::S3::Object']],
          ),
        }),
      ],
      passes: false,
    },
    {
      name: 'an organization trail covering the account',
      trails: [
        trail({ organizationTrail: true, arn: 'arn:aws:cloudtrail:us-east-1:999999999999:trail/org' }),
      ],
      passes: true,
    },
    {
      name: 'a single-region trail beside a good one',
      trails: [trail({ name: 'local', multiRegion: false }), trail()],
      passes: true,
    },
  ])('$name', ({ trails, passes }) => {
    const findings = runRule(cloudtrailEnabled, snapshotOf(trails));
    expect(findings.map((finding) => finding.resource)).toEqual(passes ? [] : [ACCOUNT_ARN]);
  });

  test('the finding names each trail and what it lacks', () => {
    const [finding] = runRule(
      cloudtrailEnabled,
      snapshotOf([trail({ name: 'eu-only', multiRegion: false })]),
    );
    expect(finding?.message).toBe(
      'No multi-region CloudTrail trail is logging every management event: 1 trail, none of which does ' +
        '(eu-only: single-region). API calls in the other regions leave no record.',
    );
  });

  test('with no trail the message says so', () => {
    const [finding] = runRule(cloudtrailEnabled, snapshotOf([]));
    expect(finding?.message).toBe(
      'No CloudTrail trail: API calls in this account are recorded only in the 90-day event history.',
    );
  });

  test('a trail whose status cannot be read is not evaluated, never a pass or a finding', () => {
    const unreadable = trail({
      logging: null,
      unread: [{ action: 'cloudtrail:GetTrailStatus', code: 'AccessDeniedException', message: 'no' }],
    });
    expect(judge(cloudtrailEnabled, snapshotOf([unreadable]))).toEqual({
      findings: [],
      notEvaluated: [
        {
          resource: unreadable.arn,
          reason:
            'cloudtrail:GetTrailStatus was not read (AccessDeniedException): whether the trail records every management event is unknown',
        },
      ],
    });
  });

  test('an unreadable trail does not matter when another trail passes', () => {
    const unreadable = trail({
      name: 'org',
      eventSelectors: null,
      unread: [{ action: 'cloudtrail:GetEventSelectors', code: 'AccessDeniedException', message: 'no' }],
    });
    expect(judge(cloudtrailEnabled, snapshotOf([unreadable, trail()]))).toEqual({
      findings: [],
      notEvaluated: [],
    });
  });

  test('an unreadable single-region trail cannot pass anyway: the finding stands', () => {
    const unreadable = trail({
      multiRegion: false,
      logging: null,
      unread: [{ action: 'cloudtrail:GetTrailStatus', code: 'AccessDeniedException', message: 'no' }],
    });
    const { findings, notEvaluated } = judge(cloudtrailEnabled, snapshotOf([unreadable]));
    expect(findings.map((finding) => finding.resource)).toEqual([ACCOUNT_ARN]);
    expect(notEvaluated).toEqual([]);
  });
});
