// What a regional service (Config, Access Analyzer, CloudWatch, CloudWatch Logs, SNS) holds in the region a request was
// signed for. A region the account has not enabled refuses the caller's credentials, as AWS does.
import type { FakeRegionServices } from '../model.js';
import { isRegionEnabled } from '../model.js';
import { FakeAwsError } from '../protocols.js';
import type { FakeRequestContext } from '../service.js';

const EMPTY: FakeRegionServices = {
  configRecorders: [],
  deliveryChannels: [],
  analyzers: [],
  alarms: [],
  metricFilters: [],
  topics: [],
};

export function regionalServices({ account, region }: FakeRequestContext): FakeRegionServices {
  const known = account.regions.find((candidate) => candidate.name === region);
  if (!known || !isRegionEnabled(known)) {
    throw new FakeAwsError(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
      403,
    );
  }
  return account.regional[region] ?? EMPTY;
}
