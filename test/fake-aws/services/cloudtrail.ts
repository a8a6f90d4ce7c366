// CloudTrail over awsJson 1.1 (target prefix CloudTrail_20131101, as SDK v3 sends it).
// DescribeTrails in a region lists the trails homed there and, with
// includeShadowTrails (the default), the multi-region ones homed elsewhere; GetTrailStatus and
// GetEventSelectors take a name or an ARN and answer only in the trail's home region for a name,
// anywhere it is seen for an ARN, as CloudTrail does.
import type { FakeTrail } from '../model.js';
import { FakeAwsError } from '../protocols.js';
import type { FakeRequestContext, FakeService } from '../service.js';
import { accessDeniedError } from '../service.js';
import { regionalServices } from './regional.js';

function trailArn(trail: FakeTrail, context: FakeRequestContext): string {
  return `arn:${context.account.partition}:cloudtrail:${trail.homeRegion}:${trail.ownerId ?? context.account.id}:trail/${trail.name}`;
}

/** The trails a region sees: its own, and with shadow trails the multi-region ones of other regions. */
function trailsSeen(context: FakeRequestContext, shadows: boolean): FakeTrail[] {
  regionalServices(context);
  return context.account.trails.filter(
    (trail) => trail.homeRegion === context.region || (shadows && trail.multiRegion),
  );
}

function findTrail(input: Record<string, unknown>, key: string, action: string, context: FakeRequestContext) {
  const wanted = String(input[key]);
  const trail = trailsSeen(context, true).find((candidate) =>
    wanted.startsWith('arn:')
      ? trailArn(candidate, context) === wanted
      : candidate.name === wanted && candidate.homeRegion === context.region,
  );
  if (!trail) {
    throw new FakeAwsError(
      'TrailNotFoundException',
      `Unknown trail: ${wanted} for the user: ${context.account.id}`,
    );
  }
  if (trail.unreadable) throw accessDeniedError(cloudTrailService, action, context);
  return trail;
}

export const cloudTrailService: FakeService = {
  signingName: 'cloudtrail',
  actionPrefix: 'cloudtrail',
  protocol: { kind: 'awsJson1_1', targetPrefix: 'CloudTrail_20131101' },
  errors: {
    accessDenied: { code: 'AccessDeniedException', status: 400 },
    throttling: { code: 'ThrottlingException', status: 400 },
    serverError: { code: 'InternalFailure', status: 500 },
  },
  operations: {
    DescribeTrails: (input, context) => ({
      trailList: trailsSeen(context, input.includeShadowTrails !== false).map((trail) => ({
        Name: trail.name,
        TrailARN: trailArn(trail, context),
        HomeRegion: trail.homeRegion,
        S3BucketName: `cloudtrail-${context.account.id}`,
        IncludeGlobalServiceEvents: true,
        IsMultiRegionTrail: trail.multiRegion,
        IsOrganizationTrail: trail.organizationTrail,
        LogFileValidationEnabled: trail.logFileValidation,
        ...(trail.logGroupArn ? { CloudWatchLogsLogGroupArn: trail.logGroupArn } : {}),
        HasCustomEventSelectors: false,
      })),
    }),
    GetTrailStatus: (input, context) => ({
      IsLogging: findTrail(input, 'Name', 'cloudtrail:GetTrailStatus', context).logging,
    }),
    GetEventSelectors: (input, context) => {
      const trail = findTrail(input, 'TrailName', 'cloudtrail:GetEventSelectors', context);
      return { TrailARN: trailArn(trail, context), ...trail.selectors };
    },
  },
};
