// `iamspect explain`: why a finding fires, with its proof. From a JSON report by fingerprint (the
// report already holds the evidence), or by rule and resource on any source (the rule is run again).
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import type { PathProof } from '../graph/proof.js';
import { readReportFile } from '../report/read-report.js';
import { RULES } from '../rules/index.js';
import { addFormatOption, COVERAGE, pathLines, print } from './graph-output.js';
import type { SourceFlags } from './source-options.js';
import { addSourceOptions, liveOptionsGiven, readOneAccount } from './source-options.js';

interface ExplainFlags extends SourceFlags {
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
      'explain needs --report FILE --fingerprint FP, or --rule ID --resource ARN',
      'See iamspect explain --help.',
    );
  }
  const rule = RULES.find((r) => r.id === flags.rule || r.aliases?.includes(flags.rule!));
  if (!rule) throw new InputError(`unknown rule ${flags.rule}`, 'Run `iamspect rules` for the ids.');
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

export function registerExplain(program: Command): void {
  const command = program
    .command('explain')
    .summary('why a finding fires, with its proof')
    .option('--report <file>', 'a JSON report (with --fingerprint)')
    .option('--fingerprint <fp>', 'the fingerprint of a finding of --report')
    .option('--rule <id>', 'a rule id (with --resource; the rule runs on the source)')
    .option('--resource <arn>', 'the resource of the finding');
  addFormatOption(command, ['text', 'json']);
  addSourceOptions(command, 'read');
  command.action(async (flags: ExplainFlags, self: Command) => {
    const found = await explanation(flags, liveOptionsGiven(self));
    if (flags.format === 'json') {
      print([JSON.stringify({ ...found, note: COVERAGE }, null, 2)]);
      return;
    }
    const path = found.evidence?.path as PathProof | undefined;
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
