// `iamspect who-can ACTION [RESOURCE]`: every principal allowed, directly or through a path of the
// access graph (it can become a principal that is allowed).
import type { Command } from 'commander';
import type { AccessGraph, EdgeGroup, GraphNode } from '../graph/access-graph.js';
import { accessGraph } from '../graph/access-graph.js';
import type { GraphPath } from '../graph/paths.js';
import { pathProof } from '../graph/proof.js';
import type { Decision } from './can.js';
import { addFormatOption, COVERAGE, print, resolveAction, shortName } from './graph-output.js';
import type { SourceFlags } from './source-options.js';
import { addSourceOptions, liveOptionsGiven, readOneAccount } from './source-options.js';

interface WhoCanFlags extends SourceFlags {
  format: 'text' | 'json';
}

export interface WhoCanEntry {
  node: GraphNode;
  decision: Decision;
  path: GraphPath | null;
}

function directDecision(node: GraphNode, action: number, resource: string): Decision | null {
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
          conditional: step.group.conditional.has(step.to.id),
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

export function registerWhoCan(program: Command): void {
  const command = program
    .command('who-can')
    .summary('every principal that may perform ACTION, directly or through a path')
    .argument('<action>', 'service:Action, e.g. iam:CreateAccessKey')
    .argument('[resource]', 'resource ARN (default: *)', '*');
  addFormatOption(command, ['text', 'json']);
  addSourceOptions(command, 'read');
  command.action(async (action: string, resource: string, flags: WhoCanFlags, self: Command) => {
    const graph = accessGraph(await readOneAccount(flags, liveOptionsGiven(self)));
    const entries = whoCan(graph, resolveAction(graph, action), resource);
    if (flags.format === 'json') {
      const principals = entries.map((e) => ({
        arn: e.node.arn,
        decision: e.decision,
        path: e.path
          ? pathProof(graph, e.path).hops.map(({ from, to, method, actions }) => ({
              from,
              to,
              method,
              actions,
            }))
          : null,
      }));
      print([JSON.stringify({ action, resource, principals, note: COVERAGE }, null, 2)]);
      return;
    }
    const lines = entries.map(
      (e) =>
        `${e.decision.padEnd(11)} ${shortName(e.node.arn)}${
          e.path
            ? `  via ${e.path.hops.map((hop) => `${shortName(hop.to.arn)} (${hop.group.method.id})`).join(' -> ')}`
            : ''
        }`,
    );
    print([...(lines.length > 0 ? lines : [`Nobody may perform ${action} on ${resource}.`]), COVERAGE]);
  });
}
