// The --org flags: parsed by commander, validated before any AWS call, with errors that name the flag.
import { describe, expect, test } from '@jest/globals';
import { Command } from 'commander';
import type { OrgFlags } from '../../src/collect/org-options.js';
import { ORG_DEFAULTS, orgOptionsFrom } from '../../src/collect/org-options.js';
import { addLiveOptions, addOrgOptions } from '../../src/commands/collection-flags.js';
import { liveOptionsFrom } from '../../src/collect/index.js';
import type { LiveFlags } from '../../src/collect/index.js';

function parseFlags(args: string[]): OrgFlags & LiveFlags {
  const command = addOrgOptions(addLiveOptions(new Command('audit').exitOverride()));
  command.parse(args, { from: 'user' });
  return command.opts<OrgFlags & LiveFlags>();
}

describe('--org', () => {
  test('defaults: OrganizationAccountAccessRole, 8 accounts at a time, every account', () => {
    expect(orgOptionsFrom(parseFlags(['--org']))).toEqual({
      roleName: 'OrganizationAccountAccessRole',
      concurrency: 8,
    });
    expect(ORG_DEFAULTS).toEqual({ roleName: 'OrganizationAccountAccessRole', concurrency: 8 });
  });

  test('every flag carried over; comma lists and repeated flags both work', () => {
    const options = orgOptionsFrom(
      parseFlags([
        '--org',
        '--role-name',
        'audit/iamspect-reader',
        '--concurrency',
        '16',
        '--accounts',
        '111111111111,222222222222',
        '--accounts',
        '333333333333',
        '--exclude-accounts',
        '222222222222',
        '--shard',
        '2/4',
      ]),
    );
    expect(options).toEqual({
      roleName: 'audit/iamspect-reader',
      concurrency: 16,
      accounts: ['111111111111', '222222222222', '333333333333'],
      excludeAccounts: ['222222222222'],
      shard: { index: 2, count: 4 },
    });
  });

  test('without --org: no organization run', () => {
    expect(orgOptionsFrom(parseFlags([]))).toBeUndefined();
  });

  test('--external-id is meaningful with --org alone: it goes to the member roles', () => {
    expect(liveOptionsFrom(parseFlags(['--org', '--external-id', 'x7q-org'])).externalId).toBe('x7q-org');
    expect(() => liveOptionsFrom(parseFlags(['--external-id', 'x7q-org']))).toThrow(
      '--external-id: only meaningful with --role-arn or --org',
    );
  });
});

describe('bad flags are InputErrors naming the flag', () => {
  test.each([
    [['--shard', '1/2'], '--shard: only meaningful with --org'],
    [
      ['--accounts', '111111111111', '--concurrency', '4'],
      '--concurrency, --accounts: only meaningful with --org',
    ],
    [['--org', '--concurrency', '0'], '--concurrency: expected a whole number from 1 to 64, got "0"'],
    [['--org', '--concurrency', '65'], '--concurrency: expected a whole number from 1 to 64, got "65"'],
    [['--org', '--concurrency', 'many'], '--concurrency: expected a whole number from 1 to 64, got "many"'],
    [['--org', '--accounts', '12345,111111111111'], '--accounts: "12345" is not a 12-digit account id'],
    [['--org', '--exclude-accounts', 'prod'], '--exclude-accounts: "prod" is not a 12-digit account id'],
    [['--org', '--role-name', 'bad name'], '--role-name: "bad name" is not an IAM role name'],
    [['--org', '--shard', '5/4'], '--shard: "5/4" is not a shard K/N with 1 <= K <= N'],
  ])('%j', (args, message) => {
    expect(() => orgOptionsFrom(parseFlags(args))).toThrow(message);
  });
});
