// `iamspect who-can ACTION [RESOURCE]`: every principal allowed, directly or through a path of the
// access graph (it can become a principal that is allowed).
import type { Command } from 'commander';
import { accessGraph } from '../graph/access-graph.js';
import { pathProof } from '../graph/proof.js';
import { whoCan } from '../graph/who-can.js';
import {
  addFormatOption,
  COVERAGE,
  print,
  QUESTION_SECTIONS,
  resolveAction,
  shortName,
} from './graph-output.js';
import type { SourceFlags } from './source-options.js';
import { addSourceOptions, liveOptionsGiven, readOneAccount } from './source-options.js';

interface WhoCanFlags extends SourceFlags {
  format: 'text' | 'json';
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
    const graph = accessGraph(await readOneAccount(flags, liveOptionsGiven(self), QUESTION_SECTIONS));
    const entries = whoCan(graph, resolveAction(graph.account, action), resource);
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
