// What the access-graph commands (can, who-can, paths, explain) share: reading the principal and
// action the user named, the coverage note every answer carries, and a path written for a terminal.
import type { Command } from 'commander';
import { Option } from 'commander';
import { InputError } from '../errors.js';
import type { AccessGraph, GraphNode } from '../graph/access-graph.js';
import type { HopProof, PathProof } from '../graph/proof.js';
import { printReport } from '../util/stdout.js';

export const COVERAGE =
  'Covers identity-based access only: resource-based policies (bucket, key, queue policies...) are not collected yet.';

export function addFormatOption(command: Command, formats: readonly string[]): Command {
  return command.addOption(
    new Option('-f, --format <format>', 'output format').choices([...formats]).default('text'),
  );
}

/** A principal named by ARN, `user/NAME` or `role/NAME` (a path may be included: `role/ops/deploy`). */
export function resolvePrincipal(graph: AccessGraph, text: string): GraphNode {
  const { partition, accountId } = graph.account.env;
  const arn = text.startsWith('arn:') ? text : `arn:${partition}:iam::${accountId}:${text}`;
  const exact = graph.node(arn);
  if (exact && (exact.kind === 'user' || exact.kind === 'role')) return exact;
  const name = text.slice(text.lastIndexOf('/') + 1).toLowerCase();
  const principals = graph.principals;
  const byName = principals.filter((node) => node.arn.toLowerCase().endsWith(`/${name}`));
  if (
    byName.length === 1 &&
    !text.startsWith('arn:') &&
    text.split('/').length === 2 &&
    byName[0]!.kind === text.split('/')[0]
  ) {
    return byName[0]!;
  }
  const near = (
    byName.length > 0
      ? byName
      : principals.filter((node) => node.arn.toLowerCase().includes(name.slice(0, 3)))
  )
    .slice(0, 3)
    .map((node) => node.arn.slice(node.arn.indexOf(':', 'arn:aws:iam::'.length) + 1));
  throw new InputError(
    `no user or role ${text} in account ${accountId}`,
    near.length > 0 ? `Did you mean ${near.join(', ')}?` : 'Name it by ARN, user/NAME or role/NAME.',
  );
}

/** The catalogue index of an action (case-insensitive), or a one-line error. */
export function resolveAction(graph: AccessGraph, action: string): number {
  const index = graph.account.env.catalog.indexOf(action);
  if (index === undefined) {
    throw new InputError(
      `unknown action ${action}`,
      'Give a service:Action from the AWS action catalogue, e.g. iam:CreateAccessKey.',
    );
  }
  return index;
}

/** The end of an ARN after the account: `user/alice`; other node keys as they are. */
export function shortName(arn: string): string {
  const match = /^arn:[^:]+:iam::\d{12}:(.*)$/.exec(arn);
  return match ? match[1]! : arn;
}

function hopLines(hop: HopProof): string[] {
  const lines = [
    `  ${shortName(hop.from)} -> ${shortName(hop.to)}  [${hop.method}${hop.conditional ? ', conditional' : ''}] ${hop.methodName}`,
  ];
  if (hop.subject) lines.push(`      acting on ${shortName(hop.subject)}`);
  for (const statement of hop.statements) {
    const policy =
      'trustPolicyOf' in statement.policy
        ? `trust policy of ${shortName(statement.policy.trustPolicyOf)}`
        : 'policyArn' in statement.policy
          ? `${shortName(statement.policy.policyArn)}${statement.version ? ` (${statement.version})` : ''}`
          : `inline policy ${statement.policy.inlinePolicy} of ${shortName(statement.policy.owner)}`;
    const sid = statement.sid !== undefined ? ` (${statement.sid})` : '';
    const on = statement.resource ? ` on ${statement.resource}` : '';
    lines.push(`      ${statement.action}: ${policy}, statement ${statement.statementIndex}${sid}${on}`);
  }
  for (const note of hop.notes ?? []) lines.push(`      note: ${note}`);
  return lines;
}

/** A path proof, hop by hop, for a terminal. */
export function pathLines(proof: PathProof): string[] {
  return proof.hops.flatMap(hopLines);
}

export function print(lines: readonly string[]): void {
  printReport(`${lines.join('\n')}\n`);
}
