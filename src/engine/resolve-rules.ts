// Which rules run, and how: the registry filtered by the config file and --rules/--exclude-rules,
// each rule's options parsed and its severity taken from config. Every bad id or option is an
// InputError naming where it was written, found before any input is read.
import type { Config } from '../config.js';
import { InputError } from '../errors.js';
import type { Severity } from '../model/severity.js';
import type { AnyRule } from '../rules/types.js';
import { describeZodError } from '../util/zod-errors.js';

/** A rule ready to run: options parsed, severity and enablement resolved from config. */
export interface ResolvedRule {
  rule: AnyRule;
  severity: Severity;
  options: unknown;
}

export interface RuleSelection {
  /** --rules: only these ids (enables rules that are off by default). */
  only?: string[];
  /** --exclude-rules */
  exclude?: string[];
}

function ruleById(rules: readonly AnyRule[]): Map<string, AnyRule> {
  const map = new Map<string, AnyRule>();
  for (const rule of rules) {
    map.set(rule.id, rule);
    for (const alias of rule.aliases ?? []) map.set(alias, rule);
  }
  return map;
}

function unknownRule(id: string, where: string): InputError {
  return new InputError(`${where}: unknown rule id "${id}"`, 'Run `iamspect rules` to list the rule ids.');
}

/** Applies config and --rules/--exclude-rules to the registry. Throws InputError naming the bad id or option. */
export function resolveRules(
  registry: readonly AnyRule[],
  config: Config,
  selection: RuleSelection = {},
  configFile = 'config',
): ResolvedRule[] {
  const byId = ruleById(registry);
  for (const id of Object.keys(config.rules ?? {})) {
    if (!byId.has(id)) throw unknownRule(id, `${configFile}: rules.${id}`);
  }
  for (const s of config.suppressions ?? []) {
    if (!byId.has(s.rule)) throw unknownRule(s.rule, `${configFile}: suppressions rule`);
  }
  const only = selection.only?.map((id) => {
    const rule = byId.get(id);
    if (!rule) throw unknownRule(id, '--rules');
    return rule.id;
  });
  const excluded = new Set(
    (selection.exclude ?? []).map((id) => {
      const rule = byId.get(id);
      if (!rule) throw unknownRule(id, '--exclude-rules');
      return rule.id;
    }),
  );

  const resolved: ResolvedRule[] = [];
  for (const rule of registry) {
    const settings = config.rules?.[rule.id] ?? aliasSettings(rule, config);
    const enabled = only ? only.includes(rule.id) : (settings?.enabled ?? rule.enabledByDefault);
    if (!enabled || excluded.has(rule.id)) continue;
    const parsed = rule.options.safeParse(settings?.options ?? {});
    if (!parsed.success) {
      throw new InputError(
        `${configFile}: ${describeZodError(parsed.error, ['rules', rule.id, 'options'])}`,
        `Run \`iamspect rules --explain ${rule.id}\` for the options and their defaults.`,
      );
    }
    resolved.push({ rule, severity: settings?.severity ?? rule.severity, options: parsed.data });
  }
  return resolved;
}

function aliasSettings(rule: AnyRule, config: Config) {
  for (const alias of rule.aliases ?? []) {
    const settings = config.rules?.[alias];
    if (settings) return settings;
  }
  return undefined;
}
