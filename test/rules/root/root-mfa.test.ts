import { rootMfa } from '../../../src/rules/root/root-mfa.js';
import type { AccountSummary, CredentialReportRow } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import {
  ACCOUNT,
  activeKey,
  credentialReportSnapshot,
  noCert,
  noKey,
  rootRow,
} from '../../builders/snapshot.js';

const activeCert = { active: true, lastRotated: '2020-01-01T00:00:00.000Z' };

describe('root-mfa', () => {
  test.each<{ name: string; rows: CredentialReportRow[]; summary: AccountSummary; held: string | null }>([
    {
      name: 'root with MFA',
      rows: [rootRow({ passwordEnabled: true, mfaActive: true })],
      summary: { AccountMFAEnabled: 1, AccountPasswordPresent: 1 },
      held: null,
    },
    {
      name: 'root with a password and no MFA',
      rows: [rootRow({ passwordEnabled: true, mfaActive: false })],
      summary: { AccountMFAEnabled: 0, AccountPasswordPresent: 1 },
      held: 'a console password',
    },
    {
      name: 'report says not_supported but the summary says root has a password',
      rows: [rootRow({ passwordEnabled: null, mfaActive: false })],
      summary: { AccountMFAEnabled: 0, AccountPasswordPresent: 1 },
      held: 'a console password',
    },
    {
      name: 'centrally managed root: no password, no keys, no certificates',
      rows: [rootRow({ passwordEnabled: false, passwordLastUsed: null, mfaActive: false })],
      summary: { AccountMFAEnabled: 0, AccountPasswordPresent: 0 },
      held: null,
    },
    {
      name: 'GovCloud root: password not_supported, mfa false, summary without password flag',
      rows: [rootRow({ passwordEnabled: null, mfaActive: false })],
      summary: { AccountMFAEnabled: 0 },
      held: null,
    },
    {
      name: 'no password but an active access key',
      rows: [rootRow({ passwordEnabled: false, mfaActive: false, accessKeys: [noKey(), activeKey(10, 1)] })],
      summary: { AccountMFAEnabled: 0, AccountPasswordPresent: 0 },
      held: 'active access key 2',
    },
    {
      name: 'no password but an active signing certificate',
      rows: [rootRow({ passwordEnabled: false, mfaActive: false, certs: [activeCert, noCert()] })],
      summary: { AccountMFAEnabled: 0, AccountPasswordPresent: 0 },
      held: 'active signing certificate 1',
    },
    {
      name: 'password, key and certificate are all named',
      rows: [
        rootRow({
          passwordEnabled: true,
          mfaActive: false,
          accessKeys: [activeKey(9), noKey()],
          certs: [noCert(), activeCert],
        }),
      ],
      summary: { AccountMFAEnabled: 0, AccountPasswordPresent: 1 },
      held: 'a console password, active access key 1 and active signing certificate 2',
    },
    {
      name: 'the live summary wins over a stale report that still shows MFA',
      rows: [rootRow({ passwordEnabled: true, mfaActive: true })],
      summary: { AccountMFAEnabled: 0, AccountPasswordPresent: 1 },
      held: 'a console password',
    },
    {
      name: 'without summary flags the report row decides',
      rows: [rootRow({ passwordEnabled: true, mfaActive: false })],
      summary: {},
      held: 'a console password',
    },
    {
      name: 'no root row: the summary alone decides',
      rows: [],
      summary: { AccountMFAEnabled: 0, AccountPasswordPresent: 0, AccountAccessKeysPresent: 1 },
      held: 'an access key',
    },
  ])('$name', ({ rows, summary, held }) => {
    const findings = runRule(rootMfa, credentialReportSnapshot(rows, summary));
    if (held === null) {
      expect(findings).toEqual([]);
      return;
    }
    expect(findings).toHaveLength(1);
    expect(findings[0]!.resource).toBe(`arn:aws:iam::${ACCOUNT}:root`);
    expect(findings[0]!.message).toBe(`Root user has no MFA device but holds ${held}.`);
  });

  test('with neither AccountMFAEnabled nor a root row the rule errors instead of passing', () => {
    expect(() => runRule(rootMfa, credentialReportSnapshot([], { AccountPasswordPresent: 1 }))).toThrow(
      /AccountMFAEnabled/,
    );
  });
});
