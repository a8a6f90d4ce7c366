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
  const entries = new Map<number, WhoCanEntry>();
  let frontier: GraphNode[] = [];
  for (const node of graph.nodes) {
    if (node.kind === 'group' || node.principal?.isServiceLinked) continue;
    const decision = directDecision(node, action, resource);
    if (!decision) continue;
    frontier.push(node);
    entries.set(node.id, { node, decision, path: null });
  }
  // Nobody to reach: no edge can change the answer, so none is computed.
  if (frontier.length === 0) return [];
  // Edges only matter from principals not allowed directly (the others are answered already), so
  // only theirs are computed. Shared groups are indexed once, by target.
  const holders = new Map<EdgeGroup, GraphNode[]>();
  const groupsTo = new Map<number, EdgeGroup[]>();
  for (const node of graph.principals) {
    if (entries.has(node.id)) continue;
    for (const group of graph.edgesFrom(node)) {
      const list = holders.get(group);
      if (list) {
        list.push(node);
        continue;
      }
      holders.set(group, [node]);
      for (const target of group.targets) {
        const into = groupsTo.get(target);
        if (into) into.push(group);
        else groupsTo.set(target, [group]);
      }
    }
  }
  const members = new Map<EdgeGroup, Set<number>>();
  const membersOf = (group: EdgeGroup) => {
    let set = members.get(group);
    if (!set) {
      set = new Set(group.targets);
      members.set(group, set);
    }
    return set;
  };
  const next = new Map<number, { to: GraphNode; group: EdgeGroup }>();
  const reached = new Set(frontier.map((node) => node.id));
  // A group's holders are all reached the first time one of its targets is expanded.
  const expanded = new Set<EdgeGroup>();
  while (frontier.length > 0) {
    const following: GraphNode[] = [];
    for (const node of frontier) {
      // Who reaches `node` first: in the order principals are listed, each by its first group to it.
      const from = new Set<GraphNode>();
      for (const group of groupsTo.get(node.id) ?? []) {
        if (expanded.has(group)) continue;
        expanded.add(group);
        for (const holder of holders.get(group)!) if (!reached.has(holder.id)) from.add(holder);
      }
      for (const holder of [...from].sort((a, b) => a.id - b.id)) {
        if (holder.id === node.id) continue;
        const group = graph.edgesFrom(holder).find((g) => membersOf(g).has(node.id))!;
        reached.add(holder.id);
        next.set(holder.id, { to: node, group });
        following.push(holder);
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
