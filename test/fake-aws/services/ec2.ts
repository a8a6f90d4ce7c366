// EC2 over the EC2 Query protocol: DescribeRegions, the fallback for listing regions, which words
// opt-in status its own way (opt-in-not-required, opted-in, not-opted-in); and, per region,
// DescribeInstances, paged by NextToken, with the instance-state-name filter applied.
import type { FakeInstance, FakeRegion } from '../model.js';
import type { FakeRequestContext, FakeService } from '../service.js';
import { accessDeniedError, tokenPage } from '../service.js';
import { regionalServices } from './regional.js';

const OPT_IN_STATUS: Record<FakeRegion['optStatus'], string> = {
  ENABLED_BY_DEFAULT: 'opt-in-not-required',
  ENABLED: 'opted-in',
  ENABLING: 'not-opted-in',
  DISABLING: 'not-opted-in',
  DISABLED: 'not-opted-in',
};

/** EC2's state codes (the high byte is internal and always 0 here). */
const STATE_CODES: Record<FakeInstance['state'], number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

/** The decoded `Filter.N.Name` / `Filter.N.Value.M` members: the states asked for, or all. */
function statesAskedFor(input: Record<string, unknown>): string[] | undefined {
  const filters = Object.values((input.Filter ?? {}) as Record<string, { Name?: string; Value?: object }>);
  const state = filters.find((filter) => filter.Name === 'instance-state-name');
  return state ? Object.values(state.Value ?? {}).map(String) : undefined;
}

function instanceItem(instance: FakeInstance, context: FakeRequestContext) {
  const { account, region } = context;
  return {
    instanceId: instance.id,
    instanceState: { code: STATE_CODES[instance.state], name: instance.state },
    placement: { availabilityZone: `${region}a` },
    ...(instance.profile !== null && {
      iamInstanceProfile: {
        arn: `arn:${account.partition}:iam::${account.id}:instance-profile/${instance.profile}`,
        id: `AIPA${instance.profile.toUpperCase().replaceAll('-', '')}`,
      },
    }),
  };
}

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
    DescribeInstances: (input, context) => {
      const services = regionalServices(context);
      if (services.instancesDenied) throw accessDeniedError(ec2Service, 'ec2:DescribeInstances', context);
      const states = statesAskedFor(input);
      const matching = (services.instances ?? []).filter(
        (instance) => states === undefined || states.includes(instance.state),
      );
      // One instance per reservation, as separate launches make them.
      const { page, next } = tokenPage(matching, input.NextToken, Number(input.MaxResults ?? 1000));
      return {
        reservationSet: page.map((instance, index) => ({
          reservationId: `r-${String(index).padStart(17, '0')}`,
          ownerId: context.account.id,
          instancesSet: [instanceItem(instance, context)],
        })),
        nextToken: next,
      };
    },
  },
};
