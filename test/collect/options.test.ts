// The live-collection flags: parsed by commander, validated before any AWS call, with errors that
// name the flag and say what is expected.
import { describe, expect, test } from '@jest/globals';
import { Command } from 'commander';
import type { LiveFlags } from '../../src/collect/index.js';
import { COLLECT_DEFAULTS, liveOptionsFrom } from '../../src/collect/index.js';
import { addLiveOptions } from '../../src/commands/collection-flags.js';
import { InputError } from '../../src/errors.js';

function parseFlags(args: string[]): LiveFlags {
  const command = addLiveOptions(new Command('collect').exitOverride());
  command.parse(args, { from: 'user' });
  return command.opts<LiveFlags>();
}

describe('defaults', () => {
  test('no flags: 8 attempts, a 120 s credential-report deadline, session name iamspect, nothing else set', () => {
    expect(liveOptionsFrom(parseFlags([]))).toEqual({
      profile: undefined,
      region: undefined,
      roleArn: undefined,
      externalId: undefined,
      roleSessionName: 'iamspect',
      maxAttempts: 8,
      credentialReportTimeoutMs: 120_000,
    });
    expect(COLLECT_DEFAULTS.maxAttempts).toBe(8);
  });
});

describe('valid flags', () => {
  test('are carried over, seconds becoming milliseconds', () => {
    const options = liveOptionsFrom(
      parseFlags([
        '--profile',
        'prod',
        '--region',
        'us-gov-west-1',
        '--role-arn',
        'arn:aws-us-gov:iam::123456789012:role/audit/SecurityAudit',
        '--external-id',
        'x7q:team/a',
        '--role-session-name',
        'nightly@ci',
        '--max-attempts',
        '12',
        '--credential-report-timeout',
        '300',
      ]),
    );
    expect(options).toEqual({
      profile: 'prod',
      region: 'us-gov-west-1',
      roleArn: 'arn:aws-us-gov:iam::123456789012:role/audit/SecurityAudit',
      externalId: 'x7q:team/a',
      roleSessionName: 'nightly@ci',
      maxAttempts: 12,
      credentialReportTimeoutMs: 300_000,
    });
  });

  test.each([
    [['--max-attempts', '1'], { maxAttempts: 1 }],
    [['--max-attempts', '50'], { maxAttempts: 50 }],
    [['--credential-report-timeout', '1'], { credentialReportTimeoutMs: 1_000 }],
    [['--credential-report-timeout', '3600'], { credentialReportTimeoutMs: 3_600_000 }],
  ])('boundary %j is accepted', (args, expected) => {
    expect(liveOptionsFrom(parseFlags(args))).toMatchObject(expected);
  });
});

describe('invalid flags are InputErrors naming the flag', () => {
  test.each([
    [['--max-attempts', '0'], '--max-attempts: expected a whole number from 1 to 50, got "0"'],
    [['--max-attempts', '51'], '--max-attempts: expected a whole number from 1 to 50, got "51"'],
    [['--max-attempts', '2.5'], '--max-attempts: expected a whole number from 1 to 50, got "2.5"'],
    [
      ['--credential-report-timeout', '0'],
      '--credential-report-timeout: expected a whole number from 1 to 3600, got "0"',
    ],
    [
      ['--credential-report-timeout', '3601'],
      '--credential-report-timeout: expected a whole number from 1 to 3600, got "3601"',
    ],
    [
      ['--credential-report-timeout', 'soon'],
      '--credential-report-timeout: expected a whole number from 1 to 3600, got "soon"',
    ],
    [['--region', 'Ireland'], '--region: "Ireland" is not a region name'],
    [['--role-arn', 'SecurityAudit'], '--role-arn: "SecurityAudit" is not an IAM role ARN'],
    [
      ['--role-arn', 'arn:aws:iam::123456789012:user/alice'],
      '--role-arn: "arn:aws:iam::123456789012:user/alice" is not an IAM role ARN',
    ],
    [['--external-id', 'abc'], '--external-id: only meaningful with --role-arn'],
    [
      ['--role-arn', 'arn:aws:iam::123456789012:role/a', '--external-id', 'has space'],
      '--external-id: must be 2 to 1224 characters of letters, digits and +=,.@:/-',
    ],
    [
      ['--role-session-name', 'a'],
      '--role-session-name: "a" must be 2 to 64 characters of letters, digits and +=,.@_-',
    ],
  ])('%j', (args, message) => {
    const run = () => liveOptionsFrom(parseFlags(args));
    expect(run).toThrow(InputError);
    expect(run).toThrow(message);
  });
});
