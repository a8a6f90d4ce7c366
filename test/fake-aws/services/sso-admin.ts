// IAM Identity Center's admin API over awsJson 1.1 (target prefix SWBExternalService), per region:
// ListInstances, the instances the region holds, paged with NextToken. A region whose
// identityCenter is 'denied' refuses the call, as an SCP denying that region does.
import { FakeAwsError } from '../protocols.js';
import type { FakeService } from '../service.js';
import { tokenPage } from '../service.js';
import { regionalServices } from './regional.js';

export const ssoAdminService: FakeService = {
  signingName: 'sso',
  actionPrefix: 'sso',
  protocol: { kind: 'awsJson1_1', targetPrefix: 'SWBExternalService' },
  errors: {
    accessDenied: { code: 'AccessDeniedException', status: 400 },
    throttling: { code: 'ThrottlingException', status: 400 },
    serverError: { code: 'InternalServerException', status: 500 },
  },
  operations: {
    ListInstances: (input, context) => {
      const identityCenter = regionalServices(context).identityCenter ?? [];
      if (identityCenter === 'denied') {
        throw new FakeAwsError(
          'AccessDeniedException',
          `not authorized to perform: sso:ListInstances in ${context.region} with an explicit deny in a service control policy`,
          400,
        );
      }
      // ListInstances answers at most 10 instances a page, whatever MaxResults asks.
      const pageSize = Math.min(Number(input.MaxResults ?? 10), 10);
      const { page, next } = tokenPage(identityCenter, input.NextToken, pageSize);
      return {
        Instances: page.map((instance) => ({
          InstanceArn: `arn:${context.account.partition}:sso:::instance/${instance.id}`,
          IdentityStoreId: `d-${instance.id.slice(-10)}`,
          OwnerAccountId: context.account.id,
          Status: instance.status,
        })),
        NextToken: next,
      };
    },
  },
};
