import { rootAccessKeys } from '../../../src/rules/root/root-access-keys.js';
import type { AccountSummary, CredentialReportRow } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import {
  ACCOUNT,
  activeKey,
  credentialReportSnapshot,
  daysAgo,
  emptySnapshot,
  noKey,
  rootRow,
  userRow,
  withCredentialReport,
  withSection,
} from '../../builders/snapshot.js';

const ROOT_ARN = `arn:aws:iam::${ACCOUNT}:root`;

describe('root-access-keys', () => {
  test.each<{
    name: string;
    rows: CredentialReportRow[];
    summary: AccountSummary;
    expected: Array<{ discriminator: string | undefined; message: unknown }>;
  }>([
    {
      name: 'root without keys',
      rows: [rootRow()],
      summary: { AccountAccessKeysPresent: 0 },
      expected: [],
    },
    {
      name: 'root with active key 1',
      rows: [rootRow({ accessKeys: [activeKey(300, 2), noKey()] })],
      summary: { AccountAccessKeysPresent: 1 },
      expected: [
        {
          discriminator: 'key1',
          message:
            'Root user has active access key 1, created 2025-08-19, last used 2026-06-13 (2 days ago).',
        },
      ],
    },
    {
      name: 'root with two active keys, one never used',
      rows: [rootRow({ accessKeys: [activeKey(300, 2), activeKey(10)] })],
      summary: { AccountAccessKeysPresent: 1 },
      expected: [
        { discriminator: 'key1', message: expect.stringContaining('active access key 1') },
        {
          discriminator: 'key2',
          message: expect.stringContaining('active access key 2, created 2026-06-05, last used never'),
        },
      ],
    },
    {
      name: 'root with an inactive key only: the row wins over the summary, which counts inactive keys',
      rows: [rootRow({ accessKeys: [{ ...activeKey(300, 200), active: false }, noKey()] })],
      summary: { AccountAccessKeysPresent: 1 },
      expected: [],
    },
    {
      name: 'no root row, summary says keys are present',
      rows: [userRow('alice', { accessKeys: [activeKey(10, 1), activeKey(10, 1)] })],
      summary: { AccountAccessKeysPresent: 1 },
      expected: [
        { discriminator: undefined, message: expect.stringContaining('AccountAccessKeysPresent = 1') },
      ],
    },
    {
      name: 'no root row, summary says no keys',
      rows: [],
      summary: { AccountAccessKeysPresent: 0 },
      expected: [],
    },
  ])('$name', ({ rows, summary, expected }) => {
    const findings = runRule(rootAccessKeys, credentialReportSnapshot(rows, summary));
    expect(findings).toHaveLength(expected.length);
    findings.forEach((finding, index) => {
      expect(finding.resource).toBe(ROOT_ARN);
      expect(finding.discriminator).toBe(expected[index]!.discriminator);
      expect(finding.message).toEqual(expected[index]!.message);
    });
  });

  test('a user with active keys is not root', () => {
    const rows = [rootRow(), userRow('alice', { accessKeys: [activeKey(10, 1), activeKey(10, 1)] })];
    expect(runRule(rootAccessKeys, credentialReportSnapshot(rows, {}))).toEqual([]);
  });

  test('without a root row and without AccountAccessKeysPresent the rule cannot answer, so it errors', () => {
    expect(() => runRule(rootAccessKeys, credentialReportSnapshot([], {}))).toThrow(
      /AccountAccessKeysPresent/,
    );
  });

  test('the resource follows the partition', () => {
    const snapshot = withSection(
      withCredentialReport(emptySnapshot({ partition: 'aws-us-gov' }), [
        rootRow({ accessKeys: [activeKey(30, 1), noKey()] }),
      ]),
      'accountSummary',
      {},
    );
    expect(runRule(rootAccessKeys, snapshot).map((f) => f.resource)).toEqual([
      `arn:aws-us-gov:iam::${ACCOUNT}:root`,
    ]);
  });

  test('evidence carries the key dates', () => {
    const [finding] = runRule(
      rootAccessKeys,
      credentialReportSnapshot([rootRow({ accessKeys: [activeKey(300, 2), noKey()] })], {}),
    );
    expect(finding!.evidence).toMatchObject({
      source: 'credential report',
      slot: 1,
      lastRotated: daysAgo(300),
      lastUsedDate: daysAgo(2),
    });
  });
});
