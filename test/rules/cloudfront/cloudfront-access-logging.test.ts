import { cloudfrontAccessLogging } from '../../../src/rules/cloudfront/cloudfront-access-logging.js';
import type { Distribution } from '../../../src/snapshot/schema.js';
import { judge } from '../../builders/rules.js';
import { distribution, DISTRIBUTION_ARN, withDistributions } from './distribution.js';

const REALTIME = 'arn:aws:cloudfront::123456789012:realtime-log-config/site';
const UNLOGGED = {
  resource: DISTRIBUTION_ARN,
  message:
    'CloudFront distribution E1DEMO (d1demo.cloudfront.net) has neither standard logging (legacy) nor real-time logs; standard logging v2 (CloudWatch Logs deliveries) is not checked.',
};

describe('cloudfront-access-logging', () => {
  test.each<{ name: string; given: Partial<Distribution>; findings: object[]; notEvaluated: object[] }>([
    { name: 'standard logging on', given: { standardLogging: true }, findings: [], notEvaluated: [] },
    {
      name: 'no logging of either kind',
      given: { standardLogging: false },
      findings: [UNLOGGED],
      notEvaluated: [],
    },
    {
      name: 'real-time logs on an ordered behaviour, standard logging never read',
      given: {
        standardLogging: null,
        behaviors: [
          { pathPattern: null, viewerProtocolPolicy: 'https-only', realtimeLogConfigArn: null },
          { pathPattern: '/app/*', viewerProtocolPolicy: 'https-only', realtimeLogConfigArn: REALTIME },
        ],
      },
      findings: [],
      notEvaluated: [],
    },
    {
      name: 'configuration refused: not evaluated, by name, with why',
      given: {
        standardLogging: null,
        loggingUnreadReason: 'cloudfront:GetDistribution was denied for E1DEMO',
      },
      findings: [],
      notEvaluated: [
        { resource: DISTRIBUTION_ARN, reason: 'cloudfront:GetDistribution was denied for E1DEMO' },
      ],
    },
  ])('$name', ({ given, findings, notEvaluated }) => {
    expect(judge(cloudfrontAccessLogging, withDistributions(distribution(given)))).toEqual({
      findings,
      notEvaluated,
    });
  });
});
