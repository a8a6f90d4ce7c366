// EC2 over the EC2 Query protocol: DescribeRegions, the fallback for listing regions, which words
// opt-in status its own way (opt-in-not-required, opted-in, not-opted-in).
import type { FakeRegion } from '../model.js';
import type { FakeService } from '../service.js';

const OPT_IN_STATUS: Record<FakeRegion['optStatus'], string> = {
  ENABLED_BY_DEFAULT: 'opt-in-not-required',
  ENABLED: 'opted-in',
  ENABLING: 'not-opted-in',
  DISABLING: 'not-opted-in',
  DISABLED: 'not-opted-in',
};

export const ec2Service: FakeService = {
  signingName: 'ec2',
  actionPrefix: 'ec2',
  protocol: { kind: 'ec2Query', xmlns: 'http://ec2.amazonaws.com/doc/2016-11-15/' },
  errors: {
    accessDenied: { code: 'UnauthorizedOperation', status: 403 },
    throttling: { code: 'RequestLimitExceeded', status: 503 },
    serverError: { code: 'InternalError', status: 500 },
  },
  operations: {
    DescribeRegions: (input, { account }) => ({
      regionInfo: account.regions
        .filter((region) => input.AllRegions === 'true' || OPT_IN_STATUS[region.optStatus] !== 'not-opted-in')
        .map((region) => ({
          regionName: region.name,
          regionEndpoint: `ec2.${region.name}.amazonaws.com`,
          optInStatus: OPT_IN_STATUS[region.optStatus],
        })),
    }),
  },
};
