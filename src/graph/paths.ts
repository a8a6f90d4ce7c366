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
  /**
   * With `first`: per node, how many hops its nearest goal is (under the same `kinds` and
   * `unconditionalOnly`), -1 for none. Only nodes on a shortest path to a goal are then
   * followed: the same path is found, without looking beyond it.
   */
  hopsToGoal?: Int32Array;
}

/** Shortest paths from `start` to nodes satisfying `isGoal`, shortest first. */
export function searchPaths(
  graph: AccessGraph,
  start: GraphNode,
  isGoal: (node: GraphNode) => boolean,
  options: SearchOptions = {},
): GraphPath[] {
  const toGoal = options.first ? options.hopsToGoal : undefined;
  const goalAt = toGoal ? toGoal[start.id]! : 0;
  if (goalAt === -1) return [];
  const reachedBy = new Map<number, Hop | null>([[start.id, null]]);
  const found: GraphPath[] = [];
  // Principals share edge groups (every role trusting Lambda...): once a group's targets have been
  // looked at, each of them is reached (or, conditional, skipped again), so it is looked at once.
  const seen = new Set<EdgeGroup>();
  let frontier = [start];
  // How many hops the nearest goal is from the nodes reached next, when on a shortest path.
  let onShortest = goalAt - 1;
  while (frontier.length > 0) {
    const next: GraphNode[] = [];
    for (const node of frontier) {
      for (const group of graph.edgesFrom(node)) {
        if (options.kinds && !options.kinds.has(group.method.kind)) continue;
        if (seen.has(group)) continue;
        seen.add(group);
        for (const id of group.targets) {
          if (reachedBy.has(id) || (toGoal && toGoal[id] !== onShortest)) continue;
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
    onShortest--;
  }
  return found;
}

const hopsToAdmin = new WeakMap<AccessGraph, Map<string, Int32Array>>();

/**
 * Per node, how many hops the nearest full-admin node is over the edges the options allow (-1:
 * none is reachable), for the whole graph at once: a search from a principal that reaches no
 * full admin then ends before it starts, and one that does looks only along shortest paths.
 * Computed backwards, level by level: a node is one hop further than the nearest node one of its
 * groups leads to. A node with full admin is not expanded by the search, nor here.
 */
function hopsToFullAdmin(graph: AccessGraph, options: SearchOptions): Int32Array {
  const key = `${[...(options.kinds ?? [])].join(',')}|${options.unconditionalOnly === true}`;
  let byOptions = hopsToAdmin.get(graph);
  if (!byOptions) {
    byOptions = new Map();
    hopsToAdmin.set(graph, byOptions);
  }
  let hops = byOptions.get(key);
  if (hops) return hops;
  const holders = new Map<EdgeGroup, number[]>();
  for (const node of graph.principals) {
    for (const group of graph.edgesFrom(node)) {
      if (options.kinds && !options.kinds.has(group.method.kind)) continue;
      const list = holders.get(group);
      if (list) list.push(node.id);
      else holders.set(group, [node.id]);
    }
  }
  hops = new Int32Array(graph.nodes.length).fill(-1);
  for (const node of graph.nodes) if (graph.isFullAdmin(node)) hops[node.id] = 0;
  for (let level = 0; holders.size > 0; level++) {
    let reached = false;
    for (const [group, from] of holders) {
      const leads = group.targets.some(
        (id) => hops![id] === level && !(options.unconditionalOnly && isConditional(group, id)),
      );
      if (!leads) continue;
      for (const id of from) {
        if (hops[id] !== -1) continue;
        hops[id] = level + 1;
        reached = true;
      }
      // Every holder has its distance now: the group can give none shorter later.
      holders.delete(group);
    }
    if (!reached) break;
  }
  byOptions.set(key, hops);
  return hops;
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

/**
 * The first path found, preferring one whose every hop is unconditional. `hopsToGoal`, when the
 * goal is the same for every start, gives the distances that let the search follow only shortest
 * paths.
 */
export function bestPath(
  graph: AccessGraph,
  start: GraphNode,
  isGoal: (node: GraphNode) => boolean,
  kinds?: ReadonlySet<EdgeKind>,
  hopsToGoal?: (options: SearchOptions) => Int32Array,
): GraphPath | null {
  const search = (options: SearchOptions) =>
    searchPaths(graph, start, isGoal, {
      ...options,
      ...(hopsToGoal ? { hopsToGoal: hopsToGoal(options) } : {}),
    })[0];
  const any = search({ first: true, ...(kinds ? { kinds } : {}) });
  if (!any?.conditional) return any ?? null;
  return search({ first: true, unconditionalOnly: true, ...(kinds ? { kinds } : {}) }) ?? any;
}

/** The best path to full admin (none when `start` is full admin itself or cannot reach it). */
function bestPathToAdmin(
  graph: AccessGraph,
  start: GraphNode,
  kinds?: ReadonlySet<EdgeKind>,
): GraphPath | null {
  if (graph.isFullAdmin(start)) return null;
  return bestPath(
    graph,
    start,
    (node) => graph.isFullAdmin(node),
    kinds,
    (options) => hopsToFullAdmin(graph, options),
  );
}

/** The escalation of a principal: a path to full admin, else to a node that can do something it cannot. */
export function escalationPath(graph: AccessGraph, start: GraphNode): GraphPath | null {
  if (graph.isFullAdmin(start)) return null;
  return bestPathToAdmin(graph, start) ?? bestPath(graph, start, (node) => graph.hasMore(node, start));
}

const ASSUME_ONLY: ReadonlySet<EdgeKind> = new Set(['assume-role']);

/** A path to full admin made of role assumptions only: holding admin by design, not by abuse. */
export function adminByAssuming(graph: AccessGraph, start: GraphNode): GraphPath | null {
  return bestPathToAdmin(graph, start, ASSUME_ONLY);
}

/** The path to full admin of a principal (none when it is full admin itself or cannot reach it). */
export function adminPath(graph: AccessGraph, start: GraphNode): GraphPath | null {
  return bestPathToAdmin(graph, start);
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
