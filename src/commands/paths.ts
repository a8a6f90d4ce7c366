// `iamspect paths PRINCIPAL [--to admin|ARN]`: the escalation paths of a principal, shortest first,
// as text, JSON, Graphviz dot or a Mermaid flowchart.
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import type { AccessGraph, GraphNode } from '../graph/access-graph.js';
import { accessGraph } from '../graph/access-graph.js';
import type { GraphPath } from '../graph/paths.js';
import { describePath, pathsFrom } from '../graph/paths.js';
import { pathProof } from '../graph/proof.js';
import {
  addFormatOption,
  COVERAGE,
  pathLines,
  print,
  QUESTION_SECTIONS,
  resolvePrincipal,
  shortName,
} from './graph-output.js';
import type { SourceFlags } from './source-options.js';
import { addSourceOptions, liveOptionsGiven, readOneAccount } from './source-options.js';

interface PathsFlags extends SourceFlags {
  format: 'text' | 'json' | 'dot' | 'mermaid';
  to?: string;
}

/** The paths asked for: to full admin, to one principal, or (default) to every node with more permissions. */
export function findPaths(graph: AccessGraph, start: GraphNode, to: string | undefined): GraphPath[] {
  return pathsFrom(graph, start, to === undefined || to === 'admin' ? to : resolvePrincipal(graph, to));
}

function edgesOf(paths: readonly GraphPath[]): Array<{ from: string; to: string; method: string }> {
  const seen = new Map<string, { from: string; to: string; method: string }>();
  for (const path of paths) {
    for (const hop of path.hops) {
      const edge = { from: hop.from.label, to: hop.to.label, method: hop.group.method.id };
      seen.set(`${edge.from}\u0000${edge.to}\u0000${edge.method}`, edge);
    }
  }
  return [...seen.values()];
}

export function renderPaths(
  graph: AccessGraph,
  start: GraphNode,
  paths: GraphPath[],
  format: PathsFlags['format'],
): string[] {
  switch (format) {
    case 'json':
      return [
        JSON.stringify(
          {
            principal: start.arn,
            paths: paths.map((path) => pathProof(graph, path)),
            note: COVERAGE,
          },
          null,
          2,
        ),
      ];
    case 'dot':
      return [
        'digraph paths {',
        ...edgesOf(paths).map(
          (e) =>
            `  ${JSON.stringify(e.from)} -> ${JSON.stringify(e.to)} [label=${JSON.stringify(e.method)}];`,
        ),
        '}',
      ];
    case 'mermaid': {
      const ids = new Map<string, string>();
      const id = (label: string) => {
        if (!ids.has(label)) ids.set(label, `n${ids.size}`);
        return `${ids.get(label)}["${label.replace(/"/g, "'")}"]`;
      };
      return ['flowchart LR', ...edgesOf(paths).map((e) => `  ${id(e.from)} -->|${e.method}| ${id(e.to)}`)];
    }
    case 'text': {
      if (paths.length === 0) return [`No escalation path from ${shortName(start.arn)}.`, COVERAGE];
      return [
        ...paths.flatMap((path, i) => [
          `${i + 1}. ${describePath(path)}${path.admin ? '  (full admin)' : ''}${path.conditional ? '  (conditional)' : ''}`,
          ...pathLines(pathProof(graph, path)),
        ]),
        COVERAGE,
      ];
    }
  }
}

export function registerPaths(program: Command): void {
  const command = program
    .command('paths')
    .summary('escalation paths of a principal, shortest first')
    .description(
      'Paths from PRINCIPAL to every principal with more permissions (or --to admin, --to ARN), with the statements of each hop.',
    )
    .argument('<principal>', 'ARN, user/NAME or role/NAME')
    .option('--to <target>', 'admin, or the ARN (user/NAME, role/NAME) to reach');
  addFormatOption(command, ['text', 'json', 'dot', 'mermaid']);
  addSourceOptions(command, 'read');
  command.action(async (principal: string, flags: PathsFlags, self: Command) => {
    const graph = accessGraph(await readOneAccount(flags, liveOptionsGiven(self), QUESTION_SECTIONS));
    const start = resolvePrincipal(graph, principal);
    if (flags.to === '') throw new InputError('--to needs a value', 'Give admin, or an ARN.');
    print(renderPaths(graph, start, findPaths(graph, start, flags.to), flags.format));
  });
}
