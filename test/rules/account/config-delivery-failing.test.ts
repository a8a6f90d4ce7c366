import { configDeliveryFailing } from '../../../src/rules/account/config-delivery-failing.js';
import type { ConfigDeliveryRegion } from '../../../src/snapshot/schema.js';
import { deliveryChannel, deliveryRegion } from '../../builders/guardrails.js';
import { runRule } from '../../builders/rules.js';
import { ACCOUNT, emptySnapshot, withSection } from '../../builders/snapshot.js';

describe('config-delivery-failing', () => {
  test.each<{
    name: string;
    channel: ConfigDeliveryRegion['deliveryChannels'][number];
    message: string | null;
  }>([
    { name: 'last delivery succeeded', channel: deliveryChannel(), message: null },
    {
      name: 'nothing delivered yet (Not_Applicable)',
      channel: deliveryChannel({ lastStatus: 'Not_Applicable' }),
      message: null,
    },
    {
      name: 'last delivery Failure, with the error',
      channel: deliveryChannel({
        lastStatus: 'Failure',
        lastErrorCode: 'NoSuchBucket',
        lastErrorMessage: 'The specified bucket does not exist',
      }),
      message:
        'AWS Config delivery channel default in eu-west-1 failed its last delivery (NoSuchBucket: The specified bucket does not exist).',
    },
    {
      name: 'last delivery FAILURE, no error recorded',
      channel: deliveryChannel({ lastStatus: 'FAILURE' }),
      message: 'AWS Config delivery channel default in eu-west-1 failed its last delivery.',
    },
  ])('$name', ({ channel, message }) => {
    const findings = runRule(
      configDeliveryFailing,
      withSection(emptySnapshot(), 'configDeliveryStatus', [
        deliveryRegion('eu-west-1', [channel]),
        deliveryRegion('us-east-1'),
      ]),
    );
    expect(findings).toEqual(
      message === null
        ? []
        : [
            {
              resource: `arn:aws:iam::${ACCOUNT}:root`,
              discriminator: 'eu-west-1/default',
              message,
              evidence: { region: 'eu-west-1', channel },
            },
          ],
    );
  });
});
