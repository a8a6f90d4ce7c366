import { userDirectPolicies } from '../../../src/rules/users/user-direct-policies.js';
import type { UserDetail } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import {
  ACCOUNT,
  allow,
  doc,
  emptySnapshot,
  user,
  withAuthorizationDetails,
} from '../../builders/snapshot.js';

const readOnly = { name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' };
const inline = (name: string) => ({ name, document: doc(allow(['s3:GetObject'])) });

describe('user-direct-policies', () => {
  test.each<{ name: string; user: UserDetail; message: string | null }>([
    { name: 'permissions only through groups', user: user('alice', { groups: ['devs'] }), message: null },
    {
      name: 'one inline policy',
      user: user('alice', { inlinePolicies: [inline('s3-read')] }),
      message: 'alice has 1 inline policy (s3-read).',
    },
    {
      name: 'two attached managed policies',
      user: user('alice', {
        attachedPolicies: [
          readOnly,
          { name: 'Billing', arn: 'arn:aws:iam::aws:policy/job-function/Billing' },
        ],
      }),
      message: 'alice has 2 directly attached managed policies (ReadOnlyAccess, Billing).',
    },
    {
      name: 'both kinds',
      user: user('alice', { inlinePolicies: [inline('a'), inline('b')], attachedPolicies: [readOnly] }),
      message: 'alice has 2 inline policies (a, b) and 1 directly attached managed policy (ReadOnlyAccess).',
    },
  ])('$name', ({ user: detail, message }) => {
    const findings = runRule(
      userDirectPolicies,
      withAuthorizationDetails(emptySnapshot(), { users: [detail] }),
    );
    expect(findings.map((f) => [f.resource, f.message])).toEqual(
      message === null ? [] : [[`arn:aws:iam::${ACCOUNT}:user/alice`, message]],
    );
  });

  test('evidence lists inline names and attached ARNs', () => {
    const [finding] = runRule(
      userDirectPolicies,
      withAuthorizationDetails(emptySnapshot(), {
        users: [user('alice', { inlinePolicies: [inline('a')], attachedPolicies: [readOnly] })],
      }),
    );
    expect(finding!.evidence).toEqual({ inlinePolicies: ['a'], attachedPolicies: [readOnly.arn] });
  });
});
