// Typed builders for the guard-rail sections (organization, regions, Config, Access Analyzer,
// contacts, billing alarms), in the style of snapshot.ts: each returns schema-typed data with the
// values of a well-kept account unless overridden.
import type {
  AccessAnalyzerRegion,
  BillingAlarm,
  ConfigDeliveryRegion,
  ConfigRegion,
  Organization,
  Region,
  ServiceControlPolicy,
} from '../../src/snapshot/schema.js';
import { ACCOUNT } from './snapshot.js';

export const ORGANIZATION_ID = 'o-a1b2c3d4e5';
export const MANAGEMENT_ACCOUNT = '999999999999';

/** The organization `ACCOUNT` belongs to; it is a member unless managementAccountId says otherwise. */
export function organization(overrides: Partial<Organization> = {}): Organization {
  const managementAccountId = overrides.managementAccountId ?? MANAGEMENT_ACCOUNT;
  return {
    id: ORGANIZATION_ID,
    arn: `arn:aws:organizations::${managementAccountId}:organization/${ORGANIZATION_ID}`,
    featureSet: 'ALL',
    managementAccountId,
    managementAccountArn: `arn:aws:organizations::${managementAccountId}:account/${ORGANIZATION_ID}/${managementAccountId}`,
    ...overrides,
  };
}

/** `ACCOUNT` as the management account of its organization. */
export function managedOrganization(overrides: Partial<Organization> = {}): Organization {
  return organization({ managementAccountId: ACCOUNT, ...overrides });
}

export function region(name: string, enabled = true): Region {
  return { name, optStatus: enabled ? 'ENABLED_BY_DEFAULT' : 'DISABLED', enabled };
}

type Recorder = ConfigRegion['recorders'][number];
type RecorderStatus = ConfigRegion['statuses'][number];
type DeliveryChannel = ConfigDeliveryRegion['deliveryChannels'][number];

export function recorder(overrides: Partial<Recorder> = {}): Recorder {
  return {
    name: 'default',
    roleArn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
    allSupported: true,
    includeGlobalResourceTypes: false,
    recordingStrategy: 'ALL_SUPPORTED_RESOURCE_TYPES',
    resourceTypes: [],
    servicePrincipal: null,
    ...overrides,
  };
}

export function recorderStatus(overrides: Partial<RecorderStatus> = {}): RecorderStatus {
  return {
    name: 'default',
    recording: true,
    lastStatus: 'SUCCESS',
    lastErrorCode: null,
    lastErrorMessage: null,
    lastStatusChangeTime: '2026-06-01T00:00:00.000Z',
    ...overrides,
  };
}

export function deliveryChannel(overrides: Partial<DeliveryChannel> = {}): DeliveryChannel {
  return {
    name: 'default',
    lastStatus: 'SUCCESS',
    lastErrorCode: null,
    lastErrorMessage: null,
    lastAttemptTime: '2026-06-14T00:00:00.000Z',
    ...overrides,
  };
}

/** A region where the `default` recorder records everything but global IAM types. */
export function configRegion(
  name: string,
  overrides: Partial<Omit<ConfigRegion, 'region'>> = {},
): ConfigRegion {
  return {
    region: name,
    recorders: [recorder()],
    statuses: [recorderStatus()],
    ...overrides,
  };
}

/** A region whose `default` delivery channel delivered, or the channels given. */
export function deliveryRegion(
  name: string,
  channels: DeliveryChannel[] = [deliveryChannel()],
): ConfigDeliveryRegion {
  return { region: name, deliveryChannels: channels };
}

/** A region with one active analyzer of external access to the account. */
export function analyzerRegion(
  name: string,
  analyzers: AccessAnalyzerRegion['analyzers'] = [
    {
      name: 'account-analyzer',
      arn: `arn:aws:access-analyzer:${name}:${ACCOUNT}:analyzer/account-analyzer`,
      type: 'ACCOUNT',
      status: 'ACTIVE',
    },
  ],
): AccessAnalyzerRegion {
  return { region: name, analyzers };
}

export function billingAlarm(overrides: Partial<BillingAlarm> = {}): BillingAlarm {
  return {
    alarmName: 'monthly-spend',
    alarmArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:monthly-spend`,
    namespace: 'AWS/Billing',
    metricName: 'EstimatedCharges',
    actionsEnabled: true,
    alarmActions: [`arn:aws:sns:us-east-1:${ACCOUNT}:billing-alerts`],
    stateValue: 'OK',
    ...overrides,
  };
}

export function fullAwsAccess(targetIds: string[]): ServiceControlPolicy {
  return {
    id: 'p-FullAWSAccess',
    arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
    name: 'FullAWSAccess',
    awsManaged: true,
    document: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }],
    },
    targetIds,
  };
}

/** A customer managed SCP that denies `actions`, attached to `targetIds`. */
export function denyScp(name: string, actions: string[], targetIds: string[]): ServiceControlPolicy {
  return {
    id: `p-${name
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .padEnd(8, '0')
      .slice(0, 8)}`,
    arn: `arn:aws:organizations::${MANAGEMENT_ACCOUNT}:policy/${ORGANIZATION_ID}/service_control_policy/p-${name}`,
    name,
    awsManaged: false,
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: actions, Resource: ['*'] }] },
    targetIds,
  };
}
