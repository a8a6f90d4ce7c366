import { userMultipleActiveKeys } from '../../../src/rules/users/user-multiple-active-keys.js';
import type { AccessKeyColumns } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import {
  ACCOUNT,
  activeKey,
  credentialReportSnapshot,
  noKey,
  rootRow,
  userRow,
} from '../../builders/snapshot.js';

describe('user-multiple-active-keys', () => {
  test.each<{ name: string; keys: [AccessKeyColumns, AccessKeyColumns]; message: string | null }>([
    {
      name: 'two active keys',
      keys: [activeKey(100, 1), activeKey(5)],
      message: 'alice has 2 active access keys (key 1 last used 2026-06-14; key 2 last used never).',
    },
    {
      name: 'one active, one inactive',
      keys: [activeKey(100, 1), { ...activeKey(200, 150), active: false }],
      message: null,
    },
    { name: 'one active key', keys: [noKey(), activeKey(5, 1)], message: null },
    { name: 'no keys', keys: [noKey(), noKey()], message: null },
  ])('$name', ({ keys, message }) => {
    const snapshot = credentialReportSnapshot([
      rootRow({ accessKeys: [activeKey(1), activeKey(1)] }),
      userRow('alice', { accessKeys: keys }),
    ]);
    const findings = runRule(userMultipleActiveKeys, snapshot);
    expect(findings.map((f) => [f.resource, f.message])).toEqual(
      message === null ? [] : [[`arn:aws:iam::${ACCOUNT}:user/alice`, message]],
    );
  });
});
