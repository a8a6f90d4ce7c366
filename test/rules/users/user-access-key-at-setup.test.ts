import { userAccessKeyAtSetup } from '../../../src/rules/users/user-access-key-at-setup.js';
import type { AccessKeyColumns, CredentialReportRow } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import {
  ACCOUNT,
  activeKey,
  credentialReportSnapshot,
  daysAgo,
  daysAndSecondsAgo,
  noKey,
  userRow,
} from '../../builders/snapshot.js';

// alice is created 400 days before NOW; her keys are never used unless a case says otherwise.
function neverUsedKey(createdAt: string): AccessKeyColumns {
  return { ...activeKey(0), lastRotated: createdAt };
}
const EXACTLY_24_HOURS_AFTER = daysAgo(399);
const ONE_SECOND_PAST_24_HOURS = daysAndSecondsAgo(399, -1);

function consoleUser(
  keys: [AccessKeyColumns, AccessKeyColumns],
  overrides: Partial<CredentialReportRow> = {},
) {
  return userRow('alice', {
    passwordEnabled: true,
    userCreationTime: daysAgo(400),
    accessKeys: keys,
    ...overrides,
  });
}

describe('user-access-key-at-setup', () => {
  test.each<{ name: string; row: CredentialReportRow; options: object; expected: Array<[string, string]> }>([
    {
      name: 'key created with the user, never used',
      row: consoleUser([neverUsedKey(daysAndSecondsAgo(400, -120)), noKey()]),
      options: {},
      expected: [
        [
          'key1',
          'Access key 1 of alice was created with the user (0 hours after it, on 2025-05-11) and has never been used (setup window: 24 hours).',
        ],
      ],
    },
    {
      name: 'created exactly 24 hours after the user: still setup',
      row: consoleUser([noKey(), neverUsedKey(EXACTLY_24_HOURS_AFTER)]),
      options: {},
      expected: [
        [
          'key2',
          'Access key 2 of alice was created with the user (24 hours after it, on 2025-05-12) and has never been used (setup window: 24 hours).',
        ],
      ],
    },
    {
      name: 'created 24 hours and 1 second after the user: not setup',
      row: consoleUser([noKey(), neverUsedKey(ONE_SECOND_PAST_24_HOURS)]),
      options: {},
      expected: [],
    },
    {
      name: 'created at setup but used since',
      row: consoleUser([{ ...neverUsedKey(daysAgo(400)), lastUsedDate: daysAgo(3) }, noKey()]),
      options: {},
      expected: [],
    },
    {
      name: 'created at setup but inactive',
      row: consoleUser([{ ...neverUsedKey(daysAgo(400)), active: false }, noKey()]),
      options: {},
      expected: [],
    },
    {
      name: 'a user without console password is a workload, not a person',
      row: consoleUser([neverUsedKey(daysAgo(400)), noKey()], { passwordEnabled: false }),
      options: {},
      expected: [],
    },
    {
      name: 'custom window of 1 hour: exactly 1 hour after counts',
      row: consoleUser([neverUsedKey(daysAndSecondsAgo(400, -3600)), noKey()]),
      options: { setupWindowHours: 1 },
      expected: [
        [
          'key1',
          'Access key 1 of alice was created with the user (1 hour after it, on 2025-05-11) and has never been used (setup window: 1 hour).',
        ],
      ],
    },
    {
      name: 'custom window of 1 hour: 1 hour and 1 second after does not',
      row: consoleUser([neverUsedKey(daysAndSecondsAgo(400, -3601)), noKey()]),
      options: { setupWindowHours: 1 },
      expected: [],
    },
  ])('$name', ({ row, options, expected }) => {
    const findings = runRule(userAccessKeyAtSetup, credentialReportSnapshot([row]), options);
    expect(findings.map((f) => [f.discriminator, f.message])).toEqual(expected);
    for (const finding of findings) expect(finding.resource).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
  });
});
