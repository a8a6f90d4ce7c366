// Searching the access graph: shortest paths from a principal (breadth first, so the first path
// found to a node is a shortest one), and who reaches a set of nodes.
import type { AccessGraph, EdgeGroup, GraphNode } from './access-graph.js';
import { isConditional } from './access-graph.js';
import type { EdgeKind } from './methods.js';

export interface Hop {
  from: GraphNode;
  to: GraphNode;
  group: EdgeGroup;
  conditional: boolean;
}

export interface GraphPath {
  start: GraphNode;
  end: GraphNode;
  hops: Hop[];
  /** Some hop depends on a condition that cannot be decided offline. */
  conditional: boolean;
  /** The end node has full admin. */
  admin: boolean;
}

export interface SearchOptions {
  /** Follow only edges of these kinds. */
  kinds?: ReadonlySet<EdgeKind>;
  /** Follow only unconditional edges. */
  unconditionalOnly?: boolean;
  /** Stop at the first goal found (else every reachable goal gets its shortest path). */
  first?: boolean;
}

/** Shortest paths from `start` to nodes satisfying `isGoal`, shortest first. */
export function searchPaths(
  graph: AccessGraph,
  start: GraphNode,
  isGoal: (node: GraphNode) => boolean,
  options: SearchOptions = {},
): GraphPath[] {
  const reachedBy = new Map<number, Hop | null>([[start.id, null]]);
  const found: GraphPath[] = [];
  // Principals share edge groups (every role trusting Lambda...): once a group's targets have been
  // looked at, each of them is reached (or, conditional, skipped again), so it is looked at once.
  const seen = new Set<EdgeGroup>();
  let frontier = [start];
  while (frontier.length > 0) {
    const next: GraphNode[] = [];
    for (const node of frontier) {
      for (const group of graph.edgesFrom(node)) {
        if (options.kinds && !options.kinds.has(group.method.kind)) continue;
        if (seen.has(group)) continue;
        seen.add(group);
        for (const id of group.targets) {
          if (reachedBy.has(id)) continue;
          const conditional = isConditional(group, id);
          if (conditional && options.unconditionalOnly) continue;
          const target = graph.nodes[id]!;
          reachedBy.set(id, { from: node, to: target, group, conditional });
          if (isGoal(target)) {
            found.push(pathTo(graph, start, target, reachedBy));
            if (options.first) return found;
          }
          // Full admin can do anything: nothing beyond it is worth a longer path.
          if (!graph.isFullAdmin(target)) next.push(target);
        }
      }
    }
    frontier = next;
  }
  return found;
}

function pathTo(
  graph: AccessGraph,
  start: GraphNode,
  end: GraphNode,
  reachedBy: Map<number, Hop | null>,
): GraphPath {
  const hops: Hop[] = [];
  for (let hop = reachedBy.get(end.id); hop; hop = reachedBy.get(hop.from.id)) hops.unshift(hop);
  return {
    start,
    end,
    hops,
    conditional: hops.some((hop) => hop.conditional),
    admin: graph.isFullAdmin(end),
  };
}

/** The first path found, preferring one whose every hop is unconditional. */
export function bestPath(
  graph: AccessGraph,
  start: GraphNode,
  isGoal: (node: GraphNode) => boolean,
  kinds?: ReadonlySet<EdgeKind>,
): GraphPath | null {
  const any = searchPaths(graph, start, isGoal, { first: true, ...(kinds ? { kinds } : {}) })[0];
  if (!any?.conditional) return any ?? null;
  const sure = searchPaths(graph, start, isGoal, {
    first: true,
    unconditionalOnly: true,
    ...(kinds ? { kinds } : {}),
  })[0];
  return sure ?? any;
}

/** The escalation of a principal: a path to full admin, else to a node that can do something it cannot. */
export function escalationPath(graph: AccessGraph, start: GraphNode): GraphPath | null {
  if (graph.isFullAdmin(start)) return null;
  return (
    bestPath(graph, start, (node) => graph.isFullAdmin(node)) ??
    bestPath(graph, start, (node) => graph.hasMore(node, start))
  );
}

const ASSUME_ONLY: ReadonlySet<EdgeKind> = new Set(['assume-role']);

/** A path to full admin made of role assumptions only: holding admin by design, not by abuse. */
export function adminByAssuming(graph: AccessGraph, start: GraphNode): GraphPath | null {
  if (graph.isFullAdmin(start)) return null;
  return bestPath(graph, start, (node) => graph.isFullAdmin(node), ASSUME_ONLY);
}

/** The path to full admin of a principal (none when it is full admin itself or cannot reach it). */
export function adminPath(graph: AccessGraph, start: GraphNode): GraphPath | null {
  if (graph.isFullAdmin(start)) return null;
  return bestPath(graph, start, (node) => graph.isFullAdmin(node));
}

/** "user alice -> role deploy -> full admin". */
export function describePath(path: GraphPath): string {
  return [path.start, ...path.hops.map((hop) => hop.to)].map((node) => node.label).join(' -> ');
}

/**
 * The paths `iamspect paths` and the API's `paths` answer: to full admin (`'admin'`), to one node,
 * or (default) to every node that can do something `start` cannot.
 */
export function pathsFrom(graph: AccessGraph, start: GraphNode, to?: 'admin' | GraphNode): GraphPath[] {
  const goal: (node: GraphNode) => boolean =
    to === undefined
      ? (node) => graph.hasMore(node, start)
      : to === 'admin'
        ? (node) => graph.isFullAdmin(node)
        : (node) => node.id === to.id;
  // One principal as the goal: the search stops when it is reached, so edges of nodes further
  // away are never computed.
  const oneGoal = to !== undefined && to !== 'admin';
  return searchPaths(graph, start, goal, { first: oneGoal });
}
