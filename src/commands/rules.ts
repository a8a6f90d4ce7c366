// `iamspect rules`: the rule catalogue from the rules' own metadata, and `--explain ID` for one
// rule's whole documentation. An installed package has no docs/ folder to point people at, so
// every hint about a rule's options points here.
import type { Command } from 'commander';
import { Option } from 'commander';
import { table } from 'table';
import { DEFAULT_CONFIG_FILE } from '../config.js';
import { InputError } from '../errors.js';
import { frameworkList, ruleOptions, rulesAsJson, rulesAsMarkdown } from '../rules/catalogue.js';
import { findRule } from '../rules/index.js';
import type { AnyRule } from '../rules/types.js';
import { terminalWidth, wrapText } from '../util/terminal.js';
import { printReport } from '../util/stdout.js';
import type { PluginFlags } from './plugin-options.js';
import { addPluginOption, ruleRegistry } from './plugin-options.js';

/** The explanation is prose: laid out like help when the output is neither a terminal nor told COLUMNS. */
const DEFAULT_TEXT_WIDTH = 80;
/** The narrow table's rule column never gets narrower than this, however small the terminal. */
const MIN_RULE_COLUMN = 20;
/** The narrow table's severity and default columns (their headers are the widest cells) and borders. */
const NARROW_TABLE_OTHER_COLUMNS = 'severity'.length + 'default'.length + 3 * 3 + 1;

type Renderer = (rules: readonly AnyRule[], width: number | undefined) => string;
const renderers: Record<'table' | 'json' | 'markdown', Renderer> = {
  table: rulesAsTable,
  json: rulesAsJson,
  markdown: rulesAsMarkdown,
};

/**
 * One row per rule with its needs and title in columns of their own. When that does not fit
 * `width`, the needs and title go under the rule id instead, wrapped at words, and the table fits.
 * With no width known (a pipe or a file) the wide table is kept.
 */
export function rulesAsTable(rules: readonly AnyRule[], width: number | undefined): string {
  const rows = rules.map((rule) => ({
    rule,
    severity: rule.severity,
    default: rule.enabledByDefault ? 'on' : 'off',
    needs: rule.needs.join(', '),
  }));
  const wide = table(
    [
      ['id', 'severity', 'default', 'needs', 'title'],
      ...rows.map((r) => [r.rule.id, r.severity, r.default, r.needs, r.rule.title]),
    ],
    {
      columns: { 3: { width: 28, wrapWord: true }, 4: { width: 48, wrapWord: true } },
      drawHorizontalLine: (index, size) => index === 0 || index === 1 || index === size,
    },
  );
  if (width === undefined || wide.indexOf('\n') <= width) return wide;
  const ruleColumn = Math.max(width - NARROW_TABLE_OTHER_COLUMNS, MIN_RULE_COLUMN);
  return table(
    [
      ['rule', 'severity', 'default'],
      ...rows.map((r) => [`${r.rule.id}\n${r.rule.title}\nreads: ${r.needs}`, r.severity, r.default]),
    ],
    { columns: { 0: { width: ruleColumn, wrapWord: true } } },
  );
}

/** Everything known about one rule, as text for a terminal `width` columns wide (unknown: like help). */
export function explainRule(rule: AnyRule, terminalColumns: number | undefined): string {
  const width = terminalColumns ?? DEFAULT_TEXT_WIDTH;
  const frameworks = frameworkList(rule);
  const facts = [
    `Severity: ${rule.severity}`,
    `Runs by default: ${rule.enabledByDefault ? 'yes' : 'no (enable it in the config file, or name it with --rules)'}`,
    `Reads: ${rule.needs.join(', ')} (not evaluated, never passed, when any of them could not be collected)`,
    ...(rule.alsoReads?.length
      ? [
          `Also reads, when those leave the answer open: ${rule.alsoReads.join(', ')} (what it could not read there is named as not evaluated)`,
        ]
      : []),
    ...(frameworks ? [`Frameworks: ${frameworks}`] : []),
    ...(rule.aliases?.length ? [`Also selected by: ${rule.aliases.join(', ')}`] : []),
  ];
  const options = ruleOptions(rule);
  const blocks = [
    wrapText(`${rule.id}: ${rule.title}`, width, '  '),
    facts.map((fact) => wrapText(fact, width, '  ')).join('\n'),
    options.length === 0
      ? 'Options: none'
      : [
          `Options (under rules.${rule.id}.options in ${DEFAULT_CONFIG_FILE}):`,
          ...options.map((option) =>
            wrapText(
              `  ${option.name} (${option.type}, default ${JSON.stringify(option.default)}): ${option.description}`,
              width,
              '    ',
            ),
          ),
        ].join('\n'),
    `Why:\n${wrapText(indentLines(rule.docs.rationale.trim()), width)}`,
    `Fix:\n${wrapText(indentLines(rule.docs.remediation.trim()), width)}`,
    ...(rule.docs.references.length > 0
      ? [
          `References:\n${rule.docs.references.map((ref) => wrapText(`  - ${ref}`, width, '    ')).join('\n')}`,
        ]
      : []),
    // A plugin's rule has its own page; a built-in's is its section of docs/rules.md.
    ...(rule.docs.url ? [`Documentation: ${rule.docs.url}`] : []),
  ];
  return `${blocks.join('\n\n')}\n`;
}

function indentLines(text: string): string {
  return text.replace(/^/gm, '  ');
}

/** The rule `id` names, or an InputError that suggests the id closest to it. */
function ruleToExplain(id: string, registry: readonly AnyRule[]): AnyRule {
  const rule = findRule(id, registry);
  if (rule) return rule;
  const closest = closestRuleId(id, registry);
  throw new InputError(
    `--explain: unknown rule id "${id}"`,
    `${closest ? `Did you mean ${closest}? ` : ''}Run \`iamspect rules\` to list the rule ids.`,
  );
}

/** The rule id a typo most likely meant: the fewest edits away, if that is under a third of it. */
function closestRuleId(typed: string, registry: readonly AnyRule[]): string | undefined {
  let best: { id: string; distance: number } | undefined;
  for (const { id } of registry) {
    const distance = editDistance(typed, id);
    if (!best || distance < best.distance) best = { id, distance };
  }
  return best && best.distance <= Math.ceil(best.id.length / 3) ? best.id : undefined;
}

/** Levenshtein distance: insertions, deletions and substitutions turning `a` into `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

export function registerRules(program: Command): void {
  const command = program
    .command('rules')
    .summary('list the rules with their severity, data needs and options')
    .description(
      "List every rule: its id (what config files, suppressions and --rules use), default severity, whether it runs by default, the snapshot sections it reads, and its title. --explain prints one rule's rationale, fix and options; the markdown format has them for every rule.",
    )
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(Object.keys(renderers)).default('table'),
    )
    .addOption(
      new Option(
        '--explain <rule-id>',
        "print one rule's documentation: options and defaults, why, how to fix",
      ).conflicts('format'),
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  iamspect rules',
        '  iamspect rules --explain user-unused-access-key',
        '  iamspect rules --format json \\',
        '    | jq -r \'.[] | select(.severity == "critical") | .id\'',
      ].join('\n'),
    )
    .action(async (flags: PluginFlags & { format: keyof typeof renderers; explain?: string }) => {
      const registry = await ruleRegistry(flags);
      const width = terminalWidth(process.stdout);
      printReport(
        flags.explain
          ? explainRule(ruleToExplain(flags.explain, registry), width)
          : renderers[flags.format](registry, width),
      );
    });
  addPluginOption(command);
}
