// Route 53 Domains over awsJson 1.1 (target prefix Route53Domains_v20140515), answered whatever
// region the request was signed for (the real service lives in us-east-1 only: the collector's
// test checks it signs for that). ListDomains pages with Marker/NextPageMarker.
import { FakeAwsError } from '../protocols.js';
import type { FakeService } from '../service.js';
import { accessDeniedError, tokenPage } from '../service.js';

export const route53DomainsService: FakeService = {
  signingName: 'route53domains',
  actionPrefix: 'route53domains',
  protocol: { kind: 'awsJson1_1', targetPrefix: 'Route53Domains_v20140515' },
  errors: {
    accessDenied: { code: 'AccessDeniedException', status: 400 },
    throttling: { code: 'ThrottlingException', status: 400 },
    serverError: { code: 'InternalFailure', status: 500 },
  },
  operations: {
    ListDomains: (input, { account }) => {
      const { page, next } = tokenPage(account.registeredDomains, input.Marker, Number(input.MaxItems ?? 20));
      return {
        Domains: page.map((domain) => ({
          DomainName: domain.name,
          ...(!domain.listOmitsSettings && {
            AutoRenew: domain.autoRenew,
            TransferLock: domain.transferLock,
          }),
          Expiry: domain.expiry,
        })),
        NextPageMarker: next,
      };
    },
    GetDomainDetail(input, context) {
      const domain = context.account.registeredDomains.find(({ name }) => name === input.DomainName);
      if (!domain) {
        throw new FakeAwsError(
          'InvalidInput',
          `Domain ${String(input.DomainName)} not found in this account`,
        );
      }
      if (domain.detailDenied) {
        throw accessDeniedError(route53DomainsService, 'route53domains:GetDomainDetail', context);
      }
      return {
        DomainName: domain.name,
        AutoRenew: domain.autoRenew,
        ExpirationDate: domain.expiry,
        StatusList: domain.transferLock ? ['clientTransferProhibited'] : [],
      };
    },
  },
};
