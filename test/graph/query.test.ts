// The question commands' lookups that need no access graph: one principal found and analysed
// alone (what `can` decides with) is the same analysis the account's lists hold, with the same
// policies, however the principal is named.
import { jest } from '@jest/globals';
import { findPaths } from '../../src/commands/paths.js';
import { accessGraph } from '../../src/graph/access-graph.js';
import { describePath } from '../../src/graph/paths.js';
import { principalNamed } from '../../src/graph/query.js';
import { whoCan } from '../../src/graph/who-can.js';
import { analyzeAccount } from '../../src/policy/account-analysis.js';
import { accountWith, iamResource, inlinePolicy, trustPolicy } from '../builders/policies.js';
import { allow, doc, group, managedPolicy, role, user } from '../builders/snapshot.js';

function account() {
  return analyzeAccount(
    accountWith({
      users: [user('alice', { groups: ['ops'] }), user('bob')],
      groups: [
        group('ops', {
          inlinePolicies: [inlinePolicy('team', allow(['s3:GetObject']))],
          attachedPolicies: [{ name: 'deploy', arn: iamResource('policy/deploy') }],
        }),
      ],
      roles: [
        role('deploy', { path: '/ops/', arn: iamResource('role/ops/deploy') }),
        role('AWSServiceRoleForSupport', {
          path: '/aws-service-role/support.amazonaws.com/',
          arn: iamResource('role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport'),
        }),
      ],
      policies: [managedPolicy('deploy', doc(allow(['iam:PassRole'])))],
    }),
  );
}

describe('one principal analysed alone', () => {
  test('has the policies of its groups, and is the analysis the lists later hold', () => {
    const analysis = account();
    const alice = analysis.principal(iamResource('user/alice'))!;
    expect(alice.policies.map((p) => p.key)).toEqual([
      `inline:${iamResource('group/ops')}:team`,
      `managed:${iamResource('policy/deploy')}`,
    ]);
    expect(analysis.users.find((u) => u.arn === alice.arn)).toBe(alice);
    expect(analysis.principal(iamResource('group/ops'))).toBe(analysis.groups[0]);
    expect(analysis.principal(iamResource('user/nobody'))).toBeUndefined();
  });
});

describe('principalNamed', () => {
  test.each([
    ['user/alice', 'user/alice'],
    [iamResource('user/bob'), 'user/bob'],
    ['role/deploy', 'role/ops/deploy'],
    ['role/ops/deploy', 'role/ops/deploy'],
    [
      iamResource('role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport'),
      'role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport',
    ],
  ])('%s is %s', (text, resource) => {
    expect(principalNamed(account(), text).arn).toBe(iamResource(resource));
  });

  test.each([
    ['role/alice', 'Did you mean user/alice?'],
    ['group/ops', 'Did you mean role/ops/deploy?'],
    ['user/zed', 'Name it by ARN, user/NAME or role/NAME.'],
    // By name, service-linked roles are not principals of the account's own.
    ['role/AWSServiceRoleForSupport', 'Did you mean user/alice, user/bob, role/ops/deploy?'],
  ])('%s is refused: %s', (text, hint) => {
    expect(() => principalNamed(account(), text)).toThrow(
      expect.objectContaining({ message: `no user or role ${text} in account 123456789012`, hint }),
    );
  });
});

// dev -> role a -> role b -> role c: each trust names the one before.
function chain() {
  return accessGraph(
    accountWith({
      users: [user('dev')],
      roles: [
        role('a', { trustPolicy: trustPolicy({ AWS: [iamResource('user/dev')] }) }),
        role('b', { trustPolicy: trustPolicy({ AWS: [iamResource('role/a')] }) }),
        role('c', { trustPolicy: trustPolicy({ AWS: [iamResource('role/b')] }) }),
      ],
    }),
  );
}

describe('questions compute only the edges they need', () => {
  test('paths --to a principal stops at it: no edge of a node beyond is computed', () => {
    const graph = chain();
    const computed = jest.spyOn(graph, 'edgesFrom');
    const dev = graph.node(iamResource('user/dev'))!;
    const paths = findPaths(graph, dev, 'role/b');
    expect(paths.map(describePath)).toEqual(['user dev -> role a -> role b']);
    expect(new Set(computed.mock.calls.map(([node]) => node.label))).toEqual(new Set(['user dev', 'role a']));
  });

  test('who-can for an action nobody is allowed computes no edge', () => {
    const graph = chain();
    const computed = jest.spyOn(graph, 'edgesFrom');
    const action = graph.account.env.catalog.requireIndex('iam:PassRole');
    expect(whoCan(graph, action, '*')).toEqual([]);
    expect(computed).not.toHaveBeenCalled();
  });
});
