// Who may perform an action: principals allowed directly, and those that can become one of them
// through the access graph (found backwards from the allowed ones, so each gets a shortest path).
import type { AccessGraph, EdgeGroup, GraphNode } from './access-graph.js';
import { isConditional } from './access-graph.js';
import type { GraphPath } from './paths.js';

export type Decision = 'allowed' | 'denied' | 'conditional';

export interface WhoCanEntry {
  node: GraphNode;
  decision: Decision;
  path: GraphPath | null;
}

/** The decision for one node on its own permissions; null when denied. */
export function directDecision(node: GraphNode, action: number, resource: string): Decision | null {
  const principal = node.principal;
  const permissions = principal
    ? principal.permissions.forPrincipal(principal.facts, principal.arn)
    : node.permissions;
  const grant = permissions.findGrant(action, { target: resource });
  return grant ? (grant.conditional ? 'conditional' : 'allowed') : null;
}

/** Principals allowed directly, then those that reach one of them (shortest path, found backwards). */
export function whoCan(graph: AccessGraph, action: number, resource: string): WhoCanEntry[] {
  const principals = graph.principals;
  const reverse = new Map<number, Array<{ from: GraphNode; group: EdgeGroup }>>();
  for (const node of principals) {
    for (const group of graph.edgesFrom(node)) {
      for (const target of group.targets) {
        if (target === node.id) continue;
        const list = reverse.get(target) ?? [];
        list.push({ from: node, group });
        reverse.set(target, list);
      }
    }
  }
  const entries = new Map<number, WhoCanEntry>();
  const next = new Map<number, { to: GraphNode; group: EdgeGroup }>();
  let frontier: GraphNode[] = [];
  for (const node of graph.nodes) {
    if (node.kind === 'group' || node.principal?.isServiceLinked) continue;
    const decision = directDecision(node, action, resource);
    if (!decision) continue;
    frontier.push(node);
    entries.set(node.id, { node, decision, path: null });
  }
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
      const hops = [];
      for (let at = node, step = next.get(at.id); step; at = step.to, step = next.get(at.id)) {
        hops.push({
          from: at,
          to: step.to,
          group: step.group,
          conditional: isConditional(step.group, step.to.id),
        });
      }
      const end = hops[hops.length - 1]!.to;
      const conditional =
        hops.some((hop) => hop.conditional) || entries.get(end.id)!.decision === 'conditional';
      entries.set(node.id, {
        node,
        decision: conditional ? 'conditional' : 'allowed',
        path: { start: node, end, hops, conditional, admin: graph.isFullAdmin(end) },
      });
    }
    frontier = following;
  }
  return [...entries.values()].filter((entry) => entry.node.principal);
}
