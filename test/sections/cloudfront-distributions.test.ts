// The cloudFrontDistributions section against the fake endpoint (CloudFront REST-XML, signed for
// us-east-1): ListDistributions paged to the end, GetDistribution only where no real-time logs
// already answer, one refused distribution kept as its reason, throttling retried, none is data.
import { afterEach, describe, expect, test } from '@jest/globals';
import type { FakeSession } from '../collect/harness.js';
import { startSession } from '../collect/harness.js';
import type { FakeAccountInit } from '../fake-aws/model.js';
import { fakeAccount, fakeDistribution } from '../fake-aws/model.js';

let session: FakeSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function collectDistributions(account: FakeAccountInit, prepare?: (session: FakeSession) => void) {
  session = await startSession(fakeAccount(account));
  prepare?.(session);
  // With a section that answers, so a refused one is not "nothing collectable" (exit 2).
  const snapshot = await session.collect({ sections: ['cloudFrontDistributions', 'passwordPolicy'] });
  return snapshot.sections.cloudFrontDistributions;
}

const REALTIME = 'arn:aws:cloudfront::123456789012:realtime-log-config/site';

describe('cloudFrontDistributions collector', () => {
  test('pages ListDistributions to the end in us-east-1, then reads each configuration', async () => {
    const distributions = Array.from({ length: 105 }, (_, index) => fakeDistribution(`E${index}`));
    const section = await collectDistributions({ distributions });
    expect(section?.status).toBe('ok');
    expect(section?.data).toHaveLength(105);
    const requests = session!.fake.requests;
    expect(requests.count('cloudfront:ListDistributions')).toBe(2);
    expect(requests.count('cloudfront:GetDistribution')).toBe(105);
    expect(new Set(requests.entries.map((entry) => entry.signingRegion))).toContain('us-east-1');
    expect(
      requests.entries
        .filter(({ action }) => action.startsWith('cloudfront:'))
        .every((entry) => entry.signingRegion === 'us-east-1'),
    ).toBe(true);
  });

  test('reads origins, behaviours and logging as the API says them', async () => {
    const section = await collectDistributions({
      distributions: [
        fakeDistribution('EOPEN', {
          aliases: ['www.example.com'],
          logBucket: null,
          origins: [
            {
              id: 'bucket',
              domainName: 'b.s3.amazonaws.com',
              s3: true,
              originAccessControlId: '',
              originAccessIdentity: '',
            },
            {
              id: 'web',
              domainName: 'b.s3-website-us-east-1.amazonaws.com',
              s3: false,
              originAccessControlId: '',
              originAccessIdentity: '',
            },
          ],
          behaviors: [
            { pathPattern: null, viewerProtocolPolicy: 'allow-all', realtimeLogConfigArn: null },
            { pathPattern: '/api/*', viewerProtocolPolicy: 'https-only', realtimeLogConfigArn: null },
          ],
        }),
      ],
    });
    expect(section?.data).toEqual([
      {
        id: 'EOPEN',
        arn: 'arn:aws:cloudfront::123456789012:distribution/EOPEN',
        domainName: 'eopen.cloudfront.net',
        aliases: ['www.example.com'],
        origins: [
          {
            id: 'bucket',
            domainName: 'b.s3.amazonaws.com',
            s3: true,
            originAccessControlId: null,
            originAccessIdentity: null,
          },
          {
            id: 'web',
            domainName: 'b.s3-website-us-east-1.amazonaws.com',
            s3: false,
            originAccessControlId: null,
            originAccessIdentity: null,
          },
        ],
        behaviors: [
          { pathPattern: null, viewerProtocolPolicy: 'allow-all', realtimeLogConfigArn: null },
          { pathPattern: '/api/*', viewerProtocolPolicy: 'https-only', realtimeLogConfigArn: null },
        ],
        standardLogging: false,
        loggingUnreadReason: null,
      },
    ]);
  });

  test("real-time logs spare the GetDistribution call; a refused one is that distribution's reason", async () => {
    const section = await collectDistributions({
      distributions: [
        fakeDistribution('EREALTIME', {
          behaviors: [
            { pathPattern: null, viewerProtocolPolicy: 'https-only', realtimeLogConfigArn: REALTIME },
          ],
        }),
        fakeDistribution('ESECRET', { readDenied: true }),
      ],
    });
    expect(section?.status).toBe('ok');
    expect(
      section?.data?.map(({ id, standardLogging, loggingUnreadReason }) => ({
        id,
        standardLogging,
        loggingUnreadReason,
      })),
    ).toEqual([
      { id: 'EREALTIME', standardLogging: null, loggingUnreadReason: null },
      {
        id: 'ESECRET',
        standardLogging: null,
        loggingUnreadReason: 'cloudfront:GetDistribution was denied for ESECRET',
      },
    ]);
    expect(session!.fake.requests.inputs('cloudfront:GetDistribution')).toEqual([{ Id: 'ESECRET' }]);
  });

  test('ListDistributions refused makes the section denied, never an empty list', async () => {
    const section = await collectDistributions({ distributions: [fakeDistribution('E1')] }, (started) =>
      started.fake.faults.deny('cloudfront:ListDistributions'),
    );
    expect(section?.status).toBe('denied');
  });

  test('throttled calls are retried to a complete answer', async () => {
    const section = await collectDistributions({ distributions: [fakeDistribution('E1')] }, (started) => {
      started.fake.faults.failFirst('cloudfront:ListDistributions', 'throttling', 2);
      started.fake.faults.failFirst('cloudfront:GetDistribution', 'throttling', 1);
    });
    expect(section?.data).toEqual([expect.objectContaining({ id: 'E1', standardLogging: true })]);
  });

  test('an account with no distribution is an empty list, not an error', async () => {
    expect(await collectDistributions({})).toMatchObject({ status: 'ok', data: [] });
  });
});
