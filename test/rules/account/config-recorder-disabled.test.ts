import { configRecorderDisabled } from '../../../src/rules/account/config-recorder-disabled.js';
import type { ConfigRegion, Region } from '../../../src/snapshot/schema.js';
import { configRegion, recorder, recorderStatus, region } from '../../builders/guardrails.js';
import { runRule } from '../../builders/rules.js';
import { ACCOUNT, emptySnapshot, withSection } from '../../builders/snapshot.js';

const ACCOUNT_ARN = `arn:aws:iam::${ACCOUNT}:root`;

function snapshotOf(regions: Region[], config: ConfigRegion[]) {
  return withSection(withSection(emptySnapshot(), 'regions', regions), 'configRecorders', config);
}

/** us-east-1 records global IAM resources, so only eu-west-1's state decides the outcome. */
const GLOBAL_RECORDING = configRegion('us-east-1', {
  recorders: [recorder({ includeGlobalResourceTypes: true })],
});

describe('config-recorder-disabled: one region', () => {
  test.each<{ name: string; eu: ConfigRegion; problem: string | null }>([
    { name: 'healthy (SUCCESS)', eu: configRegion('eu-west-1'), problem: null },
    {
      name: 'healthy just after start (Pending)',
      eu: configRegion('eu-west-1', { statuses: [recorderStatus({ lastStatus: 'Pending' })] }),
      problem: null,
    },
    {
      name: 'no recorder',
      eu: configRegion('eu-west-1', { recorders: [], statuses: [] }),
      problem: 'has no AWS Config recorder',
    },
    {
      name: 'only a service-linked recorder',
      eu: configRegion('eu-west-1', {
        recorders: [recorder({ name: 'aws-service', servicePrincipal: 'securityhub.amazonaws.com' })],
        statuses: [recorderStatus({ name: 'aws-service' })],
      }),
      problem: 'has no AWS Config recorder',
    },
    {
      name: 'recorder stopped',
      eu: configRegion('eu-west-1', { statuses: [recorderStatus({ recording: false })] }),
      problem: 'has AWS Config recorder default, but it is not recording',
    },
    {
      name: 'recorder without a status',
      eu: configRegion('eu-west-1', { statuses: [] }),
      problem: 'has AWS Config recorder default, but it is not recording',
    },
    {
      name: "last status Failure (the model's spelling)",
      eu: configRegion('eu-west-1', {
        statuses: [
          recorderStatus({
            lastStatus: 'Failure',
            lastErrorCode: 'AccessDenied',
            lastErrorMessage: 'role cannot read',
          }),
        ],
      }),
      problem:
        'has AWS Config recorder default, but its last recording failed (AccessDenied: role cannot read)',
    },
    {
      name: "last status FAILURE (the CLI examples' spelling), no error recorded",
      eu: configRegion('eu-west-1', { statuses: [recorderStatus({ lastStatus: 'FAILURE' })] }),
      problem: 'has AWS Config recorder default, but its last recording failed',
    },
    {
      name: 'last status failure (lower case)',
      eu: configRegion('eu-west-1', { statuses: [recorderStatus({ lastStatus: 'failure' })] }),
      problem: 'has AWS Config recorder default, but its last recording failed',
    },
  ])('eu-west-1 $name', ({ eu, problem }) => {
    const findings = runRule(
      configRecorderDisabled,
      snapshotOf([region('eu-west-1'), region('us-east-1')], [eu, GLOBAL_RECORDING]),
    );
    expect(findings).toEqual(
      problem === null
        ? []
        : [
            {
              resource: ACCOUNT_ARN,
              discriminator: 'eu-west-1',
              message: `Region eu-west-1 ${problem}: resource changes there are not recorded.`,
              evidence: { region: 'eu-west-1', recorders: eu.recorders, statuses: eu.statuses },
            },
          ],
    );
  });

  test('a region the account has not enabled is not checked', () => {
    const findings = runRule(
      configRecorderDisabled,
      snapshotOf([region('af-south-1', false), region('us-east-1')], [GLOBAL_RECORDING]),
    );
    expect(findings).toEqual([]);
  });

  test('an enabled region missing from the data is an error, never a pass', () => {
    expect(() =>
      runRule(
        configRecorderDisabled,
        snapshotOf([region('eu-west-1'), region('us-east-1')], [GLOBAL_RECORDING]),
      ),
    ).toThrow('configRecorders holds no data for enabled region eu-west-1');
  });
});

describe('config-recorder-disabled: global IAM resources', () => {
  const GLOBAL_FINDING = {
    resource: ACCOUNT_ARN,
    discriminator: 'global-iam',
    message:
      'No working AWS Config recorder in the 2 enabled regions records global IAM resources (users, groups, roles, policies): ' +
      'changes to IAM are recorded nowhere.',
    evidence: { regions: ['eu-west-1', 'us-east-1'] },
  };

  test.each<{ name: string; us: ConfigRegion; recordedSomewhere: boolean }>([
    {
      name: 'all supported types with includeGlobalResourceTypes',
      us: configRegion('us-east-1', { recorders: [recorder({ includeGlobalResourceTypes: true })] }),
      recordedSomewhere: true,
    },
    {
      name: 'AWS::IAM::* types listed explicitly',
      us: configRegion('us-east-1', {
        recorders: [
          recorder({
            allSupported: false,
            recordingStrategy: 'INCLUSION_BY_RESOURCE_TYPES',
            resourceTypes: ['AWS::IAM::Role', 'AWS::S3::Bucket'],
          }),
        ],
      }),
      recordedSomewhere: true,
    },
    { name: 'no recorder includes them', us: configRegion('us-east-1'), recordedSomewhere: false },
    {
      name: 'includeGlobalResourceTypes on a recorder of selected types (it has no effect there)',
      us: configRegion('us-east-1', {
        recorders: [
          recorder({
            allSupported: false,
            includeGlobalResourceTypes: true,
            resourceTypes: ['AWS::S3::Bucket'],
          }),
        ],
      }),
      recordedSomewhere: false,
    },
    {
      name: 'the recorder that would record them is stopped',
      us: configRegion('us-east-1', {
        recorders: [recorder({ includeGlobalResourceTypes: true })],
        statuses: [recorderStatus({ recording: false })],
      }),
      recordedSomewhere: false,
    },
  ])('$name', ({ us, recordedSomewhere }) => {
    const findings = runRule(
      configRecorderDisabled,
      snapshotOf([region('eu-west-1'), region('us-east-1')], [configRegion('eu-west-1'), us]),
    );
    expect(findings.filter((finding) => finding.discriminator === 'global-iam')).toEqual(
      recordedSomewhere ? [] : [GLOBAL_FINDING],
    );
  });
});
