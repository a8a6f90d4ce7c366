// AWS Config over awsJson 1.1 (target prefix StarlingDoveService), per region. Member names are
// lowerCamelCase, as in the real service; no recorder is an empty list, not an error.
import type { FakeService } from '../service.js';
import { regionalServices } from './regional.js';

export const configService: FakeService = {
  signingName: 'config',
  actionPrefix: 'config',
  protocol: { kind: 'awsJson1_1', targetPrefix: 'StarlingDoveService' },
  errors: {
    accessDenied: { code: 'AccessDeniedException', status: 400 },
    throttling: { code: 'ThrottlingException', status: 400 },
    serverError: { code: 'InternalFailure', status: 500 },
  },
  operations: {
    DescribeConfigurationRecorders: (_input, context) => ({
      ConfigurationRecorders: regionalServices(context).configRecorders.map((recorder) => ({
        name: recorder.name,
        roleARN: `arn:${context.account.partition}:iam::${context.account.id}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
        recordingGroup: {
          allSupported: recorder.allSupported,
          includeGlobalResourceTypes: recorder.includeGlobalResourceTypes,
          resourceTypes: recorder.resourceTypes,
          recordingStrategy: {
            useOnly: recorder.allSupported ? 'ALL_SUPPORTED_RESOURCE_TYPES' : 'INCLUSION_BY_RESOURCE_TYPES',
          },
        },
      })),
    }),
    DescribeConfigurationRecorderStatus: (_input, context) => ({
      ConfigurationRecordersStatus: regionalServices(context).configRecorders.map((recorder) => ({
        name: recorder.name,
        recording: recorder.recording,
        lastStatus: recorder.lastStatus ?? undefined,
        lastErrorCode: recorder.lastErrorCode ?? undefined,
        lastStatusChangeTime: new Date('2026-06-01T00:00:00Z'),
      })),
    }),
    DescribeDeliveryChannelStatus: (_input, context) => ({
      DeliveryChannelsStatus: regionalServices(context).deliveryChannels.map((channel) => ({
        name: channel.name,
        configHistoryDeliveryInfo: {
          lastStatus: channel.lastStatus,
          lastErrorCode: channel.lastErrorCode ?? undefined,
          lastAttemptTime: new Date('2026-06-14T00:00:00Z'),
        },
      })),
    }),
  },
};
