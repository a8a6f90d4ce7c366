// The access graph's questions for rule authors (the public API's `can` and `paths`): ARNs and
// action names in, plain data out, so a plugin depends on none of the graph's internals. The
// answers are those of `iamspect can` and `iamspect paths` (identity-based access only), from a
// snapshot's authorizationDetails: a rule asking them declares it in `needs`.
import type { Snapshot } from '../snapshot/schema.js';
import type { AccessGraph, GraphNode } from './access-graph.js';
import { accessGraph } from './access-graph.js';
import { pathsFrom } from './paths.js';
import type { Decision } from './who-can.js';
import { directDecision } from './who-can.js';

export type { Decision } from './who-can.js';

/**
 * One step of a path: `from` gets what `to` has, by `method` (an escalation method id). `from` and
 * `to` are ARNs, but for the graph's own nodes: `full-admin` (a step that grants everything, such
 * as attaching AdministratorAccess to oneself), `limits:BOUNDARY`, `POLICY#VERSION`.
 */
export interface AccessStep {
  from: string;
  to: string;
  method: string;
  /** The step depends on a request condition that cannot be decided offline. */
  conditional: boolean;
}

export interface AccessPath {
  from: string;
  to: string;
  /** The end has full admin. */
  admin: boolean;
  conditional: boolean;
  steps: AccessStep[];
}

/** A user or role of the snapshot; an ARN it does not hold is the rule's mistake, thrown. */
function principalNode(graph: AccessGraph, arn: string): GraphNode {
  const node = graph.node(arn);
  if (!node || (node.kind !== 'user' && node.kind !== 'role')) {
    throw new Error(`no user or role ${arn} in the snapshot`);
  }
  return node;
}

/**
 * Would IAM allow the user or role `principal` (an ARN) to perform `action` (`service:Action`) on
 * `resource`? 'conditional' when it depends on a request condition the snapshot cannot decide.
 */
export function can(snapshot: Snapshot, principal: string, action: string, resource = '*'): Decision {
  const graph = accessGraph(snapshot);
  const node = principalNode(graph, principal);
  const index = graph.account.env.catalog.indexOf(action);
  if (index === undefined) throw new Error(`unknown action ${action} (not in the AWS action catalogue)`);
  return directDecision(node, index, resource) ?? 'denied';
}

/**
 * The ways the user or role `principal` can gain permissions, shortest first: to full admin
 * (`'admin'`), to one user or role (its ARN), or (default) to every principal that can do
 * something it cannot.
 */
export function paths(snapshot: Snapshot, principal: string, to?: 'admin' | string): AccessPath[] {
  const graph = accessGraph(snapshot);
  const start = principalNode(graph, principal);
  const goal = to === undefined || to === 'admin' ? to : principalNode(graph, to);
  return pathsFrom(graph, start, goal).map((path) => ({
    from: path.start.arn,
    to: path.end.arn,
    admin: path.admin,
    conditional: path.conditional,
    steps: path.hops.map((hop) => ({
      from: hop.from.arn,
      to: hop.to.arn,
      method: hop.group.method.id,
      conditional: hop.conditional,
    })),
  }));
}
