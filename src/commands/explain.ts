// `iamspect explain`: why a finding fires, with its proof. From a JSON report by fingerprint (the
// report already holds the evidence), or by rule and resource on any source (the rule is run again).
// `--rule ID` alone explains the rule itself. A rule may be a plugin's (--plugin, the config file's
// plugins:), as everywhere else a rule id is accepted.
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import type { PathProof } from '../graph/proof.js';
import { readReportFile } from '../report/read-report.js';
import { findRule } from '../rules/index.js';
import type { AnyRule } from '../rules/types.js';
import { terminalWidth } from '../util/terminal.js';
import { printReport } from '../util/stdout.js';
import { addFormatOption, COVERAGE, pathLines, print } from './graph-output.js';
import type { PluginFlags } from './plugin-options.js';
import { addPluginOption, ruleRegistry } from './plugin-options.js';
import { explainRule } from './rules.js';
import type { SourceFlags } from './source-options.js';
import { addSourceOptions, liveOptionsGiven, readOneAccount } from './source-options.js';

interface ExplainFlags extends SourceFlags, PluginFlags {
  format: 'text' | 'json';
  report?: string;
  fingerprint?: string;
  rule?: string;
  resource?: string;
}

interface Explanation {
  ruleId: string;
  resource: string;
  message: string;
  evidence?: Record<string, unknown>;
}

/** The rule `id` names: a built-in, or else one of the plugins' (loaded only then). */
async function ruleNamed(id: string, flags: PluginFlags): Promise<AnyRule> {
  const rule = findRule(id) ?? findRule(id, await ruleRegistry(flags));
  if (rule) return rule;
  throw new InputError(
    `unknown rule id "${id}"`,
    flags.plugin?.length
      ? 'Run `iamspect rules --plugin FILE` with the same plugins to list the rule ids.'
      : 'Run `iamspect rules` to list the rule ids.',
  );
}

async function explanation(flags: ExplainFlags, liveGiven: readonly string[]): Promise<Explanation> {
  if (flags.report !== undefined || flags.fingerprint !== undefined) {
    if (!flags.report || !flags.fingerprint) {
      throw new InputError(
        '--report and --fingerprint go together',
        'Give a JSON report and the fingerprint of one of its findings.',
      );
    }
    const finding = readReportFile(flags.report).findings.find((f) => f.fingerprint === flags.fingerprint);
    if (!finding)
      throw new InputError(
        `${flags.report}: no finding with fingerprint ${flags.fingerprint}`,
        'Copy the fingerprint from the JSON report.',
      );
    return finding;
  }
  if (!flags.rule || !flags.resource) {
    throw new InputError(
      'explain needs --report FILE --fingerprint FP, or --rule ID (with --resource ARN for a finding)',
      'See iamspect explain --help.',
    );
  }
  const rule = await ruleNamed(flags.rule, flags);
  const snapshot = await readOneAccount(flags, liveGiven);
  // What the rule could not judge is an answer too: never "does not fire" for a resource it skipped.
  const unjudged = new Map<string, string>();
  const finding = rule
    .check({
      snapshot,
      options: rule.options.parse({}),
      now: new Date(snapshot.collectedAt),
      notEvaluated: (resource, reason) => unjudged.set(resource, reason),
    })
    .find((f) => f.resource === flags.resource);
  const whyNot = unjudged.get(flags.resource);
  if (!finding && whyNot !== undefined)
    throw new InputError(`${rule.id} could not judge ${flags.resource}: ${whyNot}`);
  if (!finding)
    throw new InputError(
      `${rule.id} does not fire on ${flags.resource}`,
      'Check the ARN against a report of the same data.',
    );
  return { ruleId: rule.id, ...finding };
}

/**
 * The access-graph path a finding's evidence proves, if it holds one. Only the graph rules' `path`
 * is a PathProof: another rule's `path` may be anything, such as a plugin's IAM path string.
 */
function pathProofIn(evidence: Record<string, unknown> | undefined): PathProof | undefined {
  const path = evidence?.path as Partial<PathProof> | undefined;
  return Array.isArray(path?.hops) ? (path as PathProof) : undefined;
}

export function registerExplain(program: Command): void {
  const command = program
    .command('explain')
    .summary('why a finding fires, with its proof')
    .option('--report <file>', 'a JSON report (with --fingerprint)')
    .option('--fingerprint <fp>', 'the fingerprint of a finding of --report')
    .option(
      '--rule <id>',
      "a rule id: alone, the rule's documentation; with --resource, the rule runs on the source",
    )
    .option('--resource <arn>', 'the resource of the finding');
  addFormatOption(command, ['text', 'json']);
  addSourceOptions(command, 'read');
  addPluginOption(command);
  command.action(async (flags: ExplainFlags, self: Command) => {
    if (flags.rule !== undefined && flags.resource === undefined && flags.report === undefined) {
      if (flags.format === 'json')
        throw new InputError(
          "--format json: a rule's documentation is text here",
          'Run `iamspect rules --format json` for every rule as JSON, or give --resource for a finding.',
        );
      printReport(explainRule(await ruleNamed(flags.rule, flags), terminalWidth(process.stdout)));
      return;
    }
    const found = await explanation(flags, liveOptionsGiven(self));
    if (flags.format === 'json') {
      print([JSON.stringify({ ...found, note: COVERAGE }, null, 2)]);
      return;
    }
    const path = pathProofIn(found.evidence);
    print([
      `${found.ruleId} on ${found.resource}`,
      found.message,
      ...(path
        ? ['Path, hop by hop:', ...pathLines(path)]
        : [`Evidence: ${JSON.stringify(found.evidence ?? {})}`]),
      COVERAGE,
    ]);
  });
}
