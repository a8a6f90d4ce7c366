// The graph searches skip work that cannot change an answer: a forward search looks at an edge
// group shared by many principals once, and who-can indexes shared groups by target and computes
// edges only of principals not allowed directly. These properties hold them to the plain
// algorithms (every edge of every principal, followed one by one) on random small accounts where
// principals share policies, trusts name the account, a user or anyone, and roles may be admins:
// the same principals, the same decisions, the same paths hop by hop. Searches for full admin follow
// only shortest paths, by distances computed once for the whole graph: they too must find the path
// the plain search finds first.
import fc from 'fast-check';
import type { AccessGraph, EdgeGroup, GraphNode } from '../../src/graph/access-graph.js';
import { accessGraph, isConditional } from '../../src/graph/access-graph.js';
import type { EdgeKind } from '../../src/graph/methods.js';
import type { GraphPath } from '../../src/graph/paths.js';
import { adminByAssuming, adminPath, escalationPath, searchPaths } from '../../src/graph/paths.js';
import { directDecision, whoCan } from '../../src/graph/who-can.js';
import type { Snapshot, Statement } from '../../src/snapshot/schema.js';
import { ADMINISTRATOR_ACCESS, iamResource, inlinePolicy, trustPolicy } from '../builders/policies.js';
import { emptySnapshot, role, user, withAuthorizationDetails } from '../builders/snapshot.js';

const ACTIONS = [
  'sts:AssumeRole',
  'iam:PassRole',
  'lambda:CreateFunction',
  'iam:CreateAccessKey',
  'iam:PutRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  's3:GetObject',
];
const RESOURCES = ['*', iamResource('role/r*'), iamResource('role/r1'), iamResource('user/u*')];
const TRUSTS = [
  trustPolicy({ Service: ['lambda.amazonaws.com'] }),
  trustPolicy({ AWS: [iamResource('root')] }),
  trustPolicy({ AWS: [iamResource('user/u0')] }),
  trustPolicy('*'),
];

// MFA cannot be decided offline: such grants give conditional edges.
const MFA = { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } };
const statement = fc
  .record({
    Effect: fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Allow', 'Allow', 'Deny'),
    Action: fc.subarray(ACTIONS, { minLength: 1, maxLength: 3 }),
    Resource: fc.subarray(RESOURCES, { minLength: 1, maxLength: 2 }),
    mfa: fc.boolean(),
  })
  .map(({ mfa, ...rest }): Statement =>
    mfa && rest.Effect === 'Allow' ? { ...rest, Condition: MFA } : rest,
  );
// A few policies, each held by several principals: shared answers and shared edge groups.
const accountArbitrary = fc.record({
  policies: fc.array(fc.array(statement, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  users: fc.array(fc.nat(3), { minLength: 2, maxLength: 5 }),
  roles: fc.array(fc.record({ policy: fc.nat(3), trust: fc.nat(TRUSTS.length - 1), admin: fc.boolean() }), {
    minLength: 2,
    maxLength: 6,
  }),
});
type Account = typeof accountArbitrary extends fc.Arbitrary<infer T> ? T : never;

function snapshotOf(account: Account): Snapshot {
  const policy = (pick: number) => {
    const statements: Statement[] | undefined = account.policies[pick];
    return statements ? [inlinePolicy('p', ...statements)] : [];
  };
  return withAuthorizationDetails(emptySnapshot(), {
    users: account.users.map((pick, i) => user(`u${i}`, { inlinePolicies: policy(pick) })),
    roles: account.roles.map((r, i) =>
      role(`r${i}`, {
        trustPolicy: TRUSTS[r.trust]!,
        inlinePolicies: policy(r.policy),
        attachedPolicies: r.admin ? [ADMINISTRATOR_ACCESS] : [],
      }),
    ),
    groups: [],
    policies: [],
  });
}

type HopIds = [from: number, to: number, group: EdgeGroup];

interface PlainOptions {
  kinds?: ReadonlySet<EdgeKind>;
  unconditionalOnly?: boolean;
}

/** Breadth first, every group of every node followed target by target: the hops of each path found. */
function plainSearch(
  graph: AccessGraph,
  start: GraphNode,
  isGoal: (node: GraphNode) => boolean,
  options: PlainOptions = {},
): HopIds[][] {
  const reachedBy = new Map<number, HopIds[]>([[start.id, []]]);
  const found: HopIds[][] = [];
  let frontier = [start];
  while (frontier.length > 0) {
    const next: GraphNode[] = [];
    for (const node of frontier) {
      for (const group of graph.edgesFrom(node)) {
        if (options.kinds && !options.kinds.has(group.method.kind)) continue;
        for (const id of group.targets) {
          if (reachedBy.has(id)) continue;
          if (options.unconditionalOnly && isConditional(group, id)) continue;
          const target = graph.nodes[id]!;
          reachedBy.set(id, [...reachedBy.get(node.id)!, [node.id, id, group]]);
          if (isGoal(target)) found.push(reachedBy.get(id)!);
          if (!graph.isFullAdmin(target)) next.push(target);
        }
      }
    }
    frontier = next;
  }
  return found;
}

/** The first path found, or the first unconditional one when the first is conditional. */
function plainBest(
  graph: AccessGraph,
  start: GraphNode,
  isGoal: (node: GraphNode) => boolean,
  kinds?: ReadonlySet<EdgeKind>,
): HopIds[] | null {
  const any = plainSearch(graph, start, isGoal, kinds ? { kinds } : {})[0];
  if (!any) return null;
  if (!any.some(([, to, group]) => isConditional(group, to))) return any;
  return (
    plainSearch(graph, start, isGoal, { ...(kinds ? { kinds } : {}), unconditionalOnly: true })[0] ?? any
  );
}

/** Backwards from the principals allowed directly, over every edge of every principal. */
function plainWhoCan(graph: AccessGraph, action: number, resource: string) {
  const reverse = new Map<number, Array<{ from: GraphNode; group: EdgeGroup }>>();
  for (const node of graph.principals) {
    for (const group of graph.edgesFrom(node)) {
      for (const target of group.targets) {
        if (target === node.id) continue;
        reverse.set(target, [...(reverse.get(target) ?? []), { from: node, group }]);
      }
    }
  }
  const entries = new Map<number, { node: GraphNode; path: Array<[number, number, EdgeGroup]> }>();
  const next = new Map<number, { to: GraphNode; group: EdgeGroup }>();
  let frontier = graph.nodes.filter(
    (node) =>
      node.kind !== 'group' && !node.principal?.isServiceLinked && directDecision(node, action, resource),
  );
  for (const node of frontier) entries.set(node.id, { node, path: [] });
  const reached = new Set(frontier.map((node) => node.id));
  while (frontier.length > 0) {
    const following: GraphNode[] = [];
    for (const node of frontier) {
      for (const { from, group } of reverse.get(node.id) ?? []) {
        if (reached.has(from.id)) continue;
        reached.add(from.id);
        next.set(from.id, { to: node, group });
        following.push(from);
      }
    }
    for (const node of following) {
      const step = next.get(node.id)!;
      entries.set(node.id, {
        node,
        path: [[node.id, step.to.id, step.group], ...entries.get(step.to.id)!.path],
      });
    }
    frontier = following;
  }
  return [...entries.values()].filter((entry) => entry.node.principal);
}

const hopsOf = (path: GraphPath | null): HopIds[] =>
  (path?.hops ?? []).map((h) => [h.from.id, h.to.id, h.group]);

describe('graph searches answer as the plain algorithms do', () => {
  test('searchPaths finds the same paths, in the same order', () => {
    fc.assert(
      fc.property(accountArbitrary, (account) => {
        const graph = accessGraph(snapshotOf(account));
        for (const start of graph.principals) {
          const goal = (node: GraphNode) => graph.hasMore(node, start);
          const expected = plainSearch(graph, start, goal);
          expect(searchPaths(graph, start, goal).map(hopsOf)).toEqual(expected);
        }
      }),
      { numRuns: 40 },
    );
  });

  test('searches for full admin find the path the plain search finds first', () => {
    fc.assert(
      fc.property(accountArbitrary, (account) => {
        const graph = accessGraph(snapshotOf(account));
        const admin = (node: GraphNode) => graph.isFullAdmin(node);
        for (const start of graph.principals) {
          if (graph.isFullAdmin(start)) continue;
          const more = (node: GraphNode) => graph.hasMore(node, start);
          const assuming = plainBest(graph, start, admin, new Set<EdgeKind>(['assume-role']));
          const toAdmin = plainBest(graph, start, admin);
          expect(hopsOf(adminByAssuming(graph, start))).toEqual(assuming ?? []);
          expect(hopsOf(adminPath(graph, start))).toEqual(toAdmin ?? []);
          expect(hopsOf(escalationPath(graph, start))).toEqual(
            toAdmin ?? plainBest(graph, start, more) ?? [],
          );
        }
      }),
      { numRuns: 60 },
    );
  });

  test('who-can finds the same principals, each by the same path', () => {
    fc.assert(
      fc.property(
        accountArbitrary,
        fc.constantFrom('iam:CreateAccessKey', 's3:GetObject', 'iam:PassRole'),
        (account, name) => {
          const graph = accessGraph(snapshotOf(account));
          const action = graph.account.env.catalog.requireIndex(name);
          const expected = plainWhoCan(graph, action, '*').map((e) => [e.node.id, e.path]);
          expect(whoCan(graph, action, '*').map((e) => [e.node.id, hopsOf(e.path)])).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });
});
