// Properties of the access graph on random small accounts: taking an Allow statement away never
// lets a principal reach full admin that could not before, and taking a Deny away never stops one
// that could. (Reaching full admin, or being it, is what the graph promises to be monotonic in;
// edges to merely "more privileged" nodes compare two principals and are not.)
import fc from 'fast-check';
import { accessGraph } from '../../src/graph/access-graph.js';
import { adminPath } from '../../src/graph/paths.js';
import type { RoleDetail, Snapshot, Statement, UserDetail } from '../../src/snapshot/schema.js';
import { ADMINISTRATOR_ACCESS, iamResource, inlinePolicy, trustPolicy } from '../builders/policies.js';
import { emptySnapshot, group, role, user, withAuthorizationDetails } from '../builders/snapshot.js';

const ACTIONS = [
  'iam:PassRole',
  'lambda:CreateFunction',
  'lambda:InvokeFunction',
  'lambda:UpdateFunctionCode',
  'iam:CreateAccessKey',
  'iam:AttachUserPolicy',
  'iam:PutRolePolicy',
  'iam:AttachGroupPolicy',
  'sts:AssumeRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:AddUserToGroup',
  's3:GetObject',
];
const RESOURCES = [
  '*',
  iamResource('user/u1'),
  iamResource('role/r0'),
  iamResource('role/r*'),
  iamResource('group/g0'),
];
const TRUSTS = [
  trustPolicy({ Service: ['lambda.amazonaws.com'] }),
  trustPolicy({ AWS: [iamResource('root')] }),
  trustPolicy({ AWS: [iamResource('user/u0')] }),
  trustPolicy({ AWS: [iamResource('role/r1')] }),
];

const statement = fc.record({
  Effect: fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Allow', 'Deny'),
  Action: fc.subarray(ACTIONS, { minLength: 1, maxLength: 3 }),
  Resource: fc.subarray(RESOURCES, { minLength: 1, maxLength: 2 }),
});
const statements = fc.array(statement, { maxLength: 4 });

const accountArbitrary = fc.record({
  users: fc.array(statements, { minLength: 3, maxLength: 3 }),
  roles: fc.array(fc.record({ statements, trust: fc.nat(TRUSTS.length - 1), admin: fc.boolean() }), {
    minLength: 3,
    maxLength: 3,
  }),
  inGroup: fc.boolean(),
  groupAdmin: fc.boolean(),
});
type Account = typeof accountArbitrary extends fc.Arbitrary<infer T> ? T : never;

function snapshotOf(account: Account): Snapshot {
  const policies = (list: Statement[]) => (list.length > 0 ? [inlinePolicy('p', ...list)] : []);
  const users: UserDetail[] = account.users.map((list, i) =>
    user(`u${i}`, { inlinePolicies: policies(list), groups: i === 0 && account.inGroup ? ['g0'] : [] }),
  );
  const roles: RoleDetail[] = account.roles.map((r, i) =>
    role(`r${i}`, {
      trustPolicy: TRUSTS[r.trust]!,
      inlinePolicies: policies(r.statements),
      attachedPolicies: r.admin ? [ADMINISTRATOR_ACCESS] : [],
    }),
  );
  const groups = [group('g0', { attachedPolicies: account.groupAdmin ? [ADMINISTRATOR_ACCESS] : [] })];
  return withAuthorizationDetails(emptySnapshot(), { users, roles, groups, policies: [] });
}

/** Principals that are full admin or can reach it. */
function effectiveAdmins(snapshot: Snapshot): Set<string> {
  const graph = accessGraph(snapshot);
  return new Set(
    graph.principals
      .filter((node) => graph.isFullAdmin(node) || adminPath(graph, node))
      .map((node) => node.arn),
  );
}

/** Every (owner, statement index) of the given effect, so one can be taken away. */
function positions(account: Account, effect: 'Allow' | 'Deny'): Array<[owner: number, index: number]> {
  const lists = [...account.users, ...account.roles.map((r) => r.statements)];
  return lists.flatMap((list, owner) =>
    list.flatMap((s, index) => (s.Effect === effect ? [[owner, index] as [number, number]] : [])),
  );
}

function without(account: Account, [owner, index]: [number, number]): Account {
  const drop = <T>(list: T[]) => list.filter((_, i) => i !== index);
  const copy = structuredClone(account);
  if (owner < copy.users.length) copy.users[owner] = drop(copy.users[owner]!);
  else
    copy.roles[owner - copy.users.length]!.statements = drop(
      copy.roles[owner - copy.users.length]!.statements,
    );
  return copy;
}

function subset(small: Set<string>, large: Set<string>): boolean {
  return [...small].every((arn) => large.has(arn));
}

describe('the access graph is monotonic', () => {
  test('removing an Allow never adds a path to full admin', () => {
    fc.assert(
      fc.property(accountArbitrary, fc.nat(), (account, pick) => {
        const allows = positions(account, 'Allow');
        fc.pre(allows.length > 0);
        const before = effectiveAdmins(snapshotOf(account));
        const after = effectiveAdmins(snapshotOf(without(account, allows[pick % allows.length]!)));
        expect(subset(after, before)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  test('removing a Deny never removes a path to full admin', () => {
    fc.assert(
      fc.property(accountArbitrary, fc.nat(), (account, pick) => {
        const denies = positions(account, 'Deny');
        fc.pre(denies.length > 0);
        const before = effectiveAdmins(snapshotOf(account));
        const after = effectiveAdmins(snapshotOf(without(account, denies[pick % denies.length]!)));
        expect(subset(before, after)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
