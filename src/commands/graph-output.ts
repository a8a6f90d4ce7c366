// What the access-graph commands (can, who-can, paths, explain) share: reading the principal and
// action the user named, the coverage note every answer carries, and a path written for a terminal.
import type { Command } from 'commander';
import { Option } from 'commander';
import { InputError } from '../errors.js';
import type { AccessGraph, GraphNode } from '../graph/access-graph.js';
import type { HopProof, PathProof } from '../graph/proof.js';
import { principalNamed } from '../graph/query.js';
import type { AccountAnalysis } from '../policy/account-analysis.js';
import type { SectionName } from '../snapshot/schema.js';
import { printReport } from '../util/stdout.js';

export const COVERAGE =
  'Covers identity-based access only: resource-based policies (bucket, key, queue policies...) are not collected yet.';

/**
 * The sections the questions (can, who-can, paths) read: the account's principals and policies, and
 * the organization's SCPs. Only these are validated and kept when a question reads a snapshot file,
 * so a damaged section that cannot change the answer does not stop it (a test pins that the
 * analysis reads no other).
 */
export const QUESTION_SECTIONS: readonly SectionName[] = [
  'authorizationDetails',
  'organization',
  'serviceControlPolicies',
];

export function addFormatOption(command: Command, formats: readonly string[]): Command {
  return command.addOption(
    new Option('-f, --format <format>', 'output format').choices([...formats]).default('text'),
  );
}

/** A principal named by ARN, `user/NAME` or `role/NAME`, as a node of the graph. */
export function resolvePrincipal(graph: AccessGraph, text: string): GraphNode {
  return graph.node(principalNamed(graph.account, text).arn)!;
}

/** The catalogue index of an action (case-insensitive), or a one-line error. */
export function resolveAction(account: AccountAnalysis, action: string): number {
  const index = account.env.catalog.indexOf(action);
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
