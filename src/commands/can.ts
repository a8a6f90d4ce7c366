// `iamspect can PRINCIPAL ACTION [RESOURCE]`: would IAM allow this request, with the statements that
// decide it. The decision is effective.ts's (the one the rules use); the reasons list every
// statement of the principal's policies, boundary and SCPs that names the action and can apply.
import type { Command } from 'commander';
import { Option } from 'commander';
import { InputError } from '../errors.js';
import { principalNamed } from '../graph/query.js';
import type { PrincipalAnalysis } from '../policy/account-analysis.js';
import { analyzeAccount } from '../policy/account-analysis.js';
import type { CompiledPolicy } from '../policy/compiled-policy.js';
import { globsIntersect } from '../policy/glob.js';
import type { Decision } from '../graph/who-can.js';
import { addFormatOption, COVERAGE, print, QUESTION_SECTIONS, resolveAction } from './graph-output.js';
import type { SourceFlags } from './source-options.js';
import { addSourceOptions, liveOptionsGiven, readOneAccount } from './source-options.js';

interface CanFlags extends SourceFlags {
  format: 'text' | 'json';
  context: string[];
  expect?: 'allowed' | 'denied';
}

export interface Reason {
  effect: 'Allow' | 'Deny';
  layer: 'identity' | 'boundary' | 'scp';
  policy: string;
  statementIndex: number;
  sid?: string;
  /** always: applies; conditional: depends on the request; never: its condition cannot hold. */
  applies: 'always' | 'conditional' | 'never';
  conditionKeys?: readonly string[];
}

export interface CanAnswer {
  decision: Decision;
  principal: string;
  action: string;
  resource: string;
  reasons: Reason[];
  note: string;
}

function policyName(policy: CompiledPolicy): string {
  const origin = policy.origin;
  return origin.kind === 'inline' ? `inline policy ${origin.name} of ${origin.owner}` : origin.arn;
}

function parseContext(pairs: readonly string[]): Record<string, string> {
  const extra: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0)
      throw new InputError(
        `--context ${pair}: expected KEY=VALUE`,
        'For example: --context aws:MultiFactorAuthPresent=true',
      );
    extra[pair.slice(0, at).toLowerCase()] = pair.slice(at + 1);
  }
  return extra;
}

/** The decision and its reasons for one principal, action and resource, under the given request keys. */
export function decide(
  principal: PrincipalAnalysis,
  action: number,
  actionName: string,
  resource: string,
  extra: Record<string, string>,
): CanAnswer {
  const facts = { ...principal.facts, extra };
  const permissions = principal.permissions.forPrincipal(facts, principal.arn);
  const grant = permissions.findGrant(action, { target: resource, extra });
  const decision: Decision = !grant ? 'denied' : grant.conditional ? 'conditional' : 'allowed';
  const reasons: Reason[] = [];
  const layers: Array<[Reason['layer'], readonly CompiledPolicy[]]> = [
    ['identity', permissions.layers.identity],
    ['boundary', permissions.layers.boundary ? [permissions.layers.boundary] : []],
    ['scp', permissions.layers.scpLevels.flat()],
  ];
  for (const [layer, policies] of layers) {
    for (const policy of policies) {
      const { allows, denies } = policy.statementsNaming(action);
      for (const statement of [...allows, ...denies]) {
        const resolved = policy.resolve(statement, facts);
        const matches =
          statement.resources === null ||
          statement.notResource ||
          resolved.patterns.some((p) => globsIntersect([p, resource]));
        if (!matches) continue;
        reasons.push({
          effect: statement.effect,
          layer,
          policy: policyName(policy),
          statementIndex: statement.index,
          ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
          applies: resolved.verdict,
          ...(resolved.unresolvedKeys.length > 0 ? { conditionKeys: resolved.unresolvedKeys } : {}),
        });
      }
    }
  }
  return { decision, principal: principal.arn, action: actionName, resource, reasons, note: COVERAGE };
}

function answerLines(answer: CanAnswer): string[] {
  const lines = [
    `${answer.decision.toUpperCase()}: ${answer.principal} ${answer.action} on ${answer.resource}`,
  ];
  if (answer.reasons.length === 0)
    lines.push('  no statement of its policies names the action (implicit deny)');
  for (const reason of answer.reasons) {
    const keys = reason.conditionKeys ? ` (${reason.conditionKeys.join(', ')})` : '';
    lines.push(
      `  ${reason.effect.padEnd(5)} ${reason.layer.padEnd(8)} ${reason.policy}, statement ${reason.statementIndex}${reason.sid ? ` (${reason.sid})` : ''}: ${reason.applies}${keys}`,
    );
  }
  lines.push(answer.note);
  return lines;
}

export function registerCan(program: Command): void {
  const command = program
    .command('can')
    .summary('would IAM allow PRINCIPAL to perform ACTION on RESOURCE?')
    .description(
      'Decide one request the way IAM does (identity policies, Denies, permissions boundary, SCPs,\n' +
        'conditions) and list the statements that decide it. Exit 0, or with --expect 1 when the\n' +
        'decision differs; 2 when the input is wrong.',
    )
    .argument('<principal>', 'ARN, user/NAME or role/NAME')
    .argument('<action>', 'service:Action, e.g. iam:CreateAccessKey')
    .argument('[resource]', 'resource ARN (default: *)', '*')
    .option(
      '--context <key=value>',
      'a request condition key, e.g. aws:SourceIp=10.0.0.1 (repeatable)',
      (v: string, p: string[]) => [...p, v],
      [],
    )
    .addOption(
      new Option('--expect <decision>', 'exit 1 unless the decision is this').choices(['allowed', 'denied']),
    );
  addFormatOption(command, ['text', 'json']);
  addSourceOptions(command, 'read');
  command.action(
    async (principal: string, action: string, resource: string, flags: CanFlags, self: Command) => {
      const extra = parseContext(flags.context);
      // One principal's policies decide: the account's other principals are never analysed.
      const account = analyzeAccount(await readOneAccount(flags, liveOptionsGiven(self), QUESTION_SECTIONS));
      const asking = principalNamed(account, principal);
      const answer = decide(asking, resolveAction(account, action), action, resource, extra);
      if (flags.format === 'json') print([JSON.stringify(answer, null, 2)]);
      else print(answerLines(answer));
      process.exitCode = flags.expect && flags.expect !== answer.decision ? 1 : 0;
    },
  );
}
