// `iamspect suppress`: records an accepted finding in the config file. Every part is checked
// before the file is touched (a known rule, an ARN, a reason, a real future date), the entry is
// appended keeping the file's comments and layout, the whole file is validated again, and it is
// replaced atomically, so a typo can never leave a config that silently stops gating.
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Suppression } from '../config.js';
import { DEFAULT_CONFIG_FILE, parseConfig, suppressionSchema } from '../config.js';
import { appendSuppression } from '../config-edit.js';
import { EXIT } from '../report/exit-code.js';
import { InputError } from '../errors.js';
import { findRule, RULES } from '../rules/index.js';
import type { AnyRule } from '../rules/types.js';
import { EXPIRY_WARNING_DAYS, daysUntilExpiry } from '../engine/suppressions.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { ruleRegistry } from './plugin-options.js';

export interface SuppressFlags {
  rule: string;
  resource: string;
  reason: string;
  expires?: string;
  config?: string;
}

const FLAG_FOR_FIELD: Record<string, string> = {
  rule: '--rule',
  resource: '--resource',
  reason: '--reason',
  expires: '--expires',
};

/**
 * The suppression the flags describe, or an InputError naming the flag to fix. `registry` holds
 * the rules --rule may name: the built-ins, and the config file's plugins' when it names one.
 */
export function suppressionFromFlags(
  flags: SuppressFlags,
  today: Date,
  registry: readonly AnyRule[] = RULES,
): Suppression {
  const rule = findRule(flags.rule, registry);
  if (!rule) {
    throw new InputError(
      `--rule: unknown rule id "${flags.rule}"`,
      'Run `iamspect rules` to list the rule ids.',
    );
  }
  const resource = flags.resource.trim();
  if (!resource.startsWith('arn:') && !resource.startsWith('*')) {
    throw new InputError(
      `--resource: "${flags.resource}" is not an ARN, so it would never match a finding`,
      "Copy the finding's resource ARN from a report (e.g. arn:aws:iam::123456789012:user/alice), or use a glob with *.",
    );
  }
  const candidate: Record<string, string> = { rule: rule.id, resource, reason: flags.reason.trim() };
  if (flags.expires !== undefined) candidate.expires = flags.expires;
  const parsed = suppressionSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0]);
    throw new InputError(
      `${FLAG_FOR_FIELD[field] ?? field}: ${issue.message}`,
      field === 'expires' ? 'Write the last day the suppression applies as YYYY-MM-DD.' : undefined,
    );
  }
  if (parsed.data.expires !== undefined && daysUntilExpiry(parsed.data.expires, today) < 0) {
    throw new InputError(
      `--expires: ${parsed.data.expires} is in the past, so the suppression would never apply`,
      'Give the last day (UTC) the finding may stay accepted.',
    );
  }
  return parsed.data;
}

/** Both entries are for the same findings: the same rule (an alias counts as its rule) and resource pattern. */
function sameTarget(a: Suppression, b: Suppression): boolean {
  const canonical = (id: string) => findRule(id)?.id ?? id;
  return canonical(a.rule) === canonical(b.rule) && a.resource === b.resource;
}

function sameSuppression(a: Suppression, b: Suppression): boolean {
  return sameTarget(a, b) && a.reason.trim() === b.reason.trim() && a.expires === b.expires;
}

export interface SuppressResult {
  file: string;
  created: boolean;
  suppression: Suppression;
}

/** Adds the suppression to the config file (created when missing). Throws InputError on bad input. */
export function runSuppress(
  flags: SuppressFlags,
  cwd = process.cwd(),
  today = new Date(),
  registry: readonly AnyRule[] = RULES,
): SuppressResult {
  const suppression = suppressionFromFlags(flags, today, registry);
  const file = flags.config ?? DEFAULT_CONFIG_FILE;
  const path = resolve(cwd, file);
  const created = !existsSync(path);
  let text = '';
  if (!created) {
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new InputError(`${file}: cannot read config file (${(error as Error).message})`);
    }
  }
  // An invalid file is reported as it is, before anything is added to it.
  const before = parseConfig(text, file);
  // A second entry for the same findings would quietly override the first: one without an expiry
  // keeps the findings suppressed after the date the existing entry set.
  const suppressions = before.suppressions ?? [];
  const index = suppressions.findIndex((entry) => sameTarget(entry, suppression));
  if (index >= 0) {
    const expires = suppressions[index]!.expires;
    throw new InputError(
      `${file}: suppressions[${index}] already suppresses ${suppression.rule} for ${suppression.resource}` +
        (expires ? ` (until ${expires})` : ' (without an expiry)'),
      'Nothing was changed. To change its reason or expiry, edit that entry in the file.',
    );
  }
  const updated = appendSuppression(text, suppression);
  const after = parseConfig(updated, file);
  const added = after.suppressions?.at(-1);
  if (
    after.suppressions?.length !== (before.suppressions?.length ?? 0) + 1 ||
    !added ||
    !sameSuppression(added, suppression)
  ) {
    // Not an input problem: the edit itself went wrong. Refuse to write rather than corrupt the file.
    throw new Error(
      `${file}: adding the suppression produced an unexpected result; the file was not changed`,
    );
  }
  writeFileAtomic(path, updated);
  return { file, created, suppression };
}

function describe(result: SuppressResult, today: Date): string {
  const { suppression } = result;
  const lines = [
    `${result.created ? 'Created' : 'Updated'} ${result.file}: findings of ${suppression.rule} for ${suppression.resource} are suppressed` +
      (suppression.expires ? ` until ${suppression.expires}.` : '.'),
  ];
  if (!suppression.expires) {
    lines.push('Tip: add --expires YYYY-MM-DD so the exception is reviewed instead of kept forever.');
  } else if (daysUntilExpiry(suppression.expires, today) <= EXPIRY_WARNING_DAYS) {
    lines.push(
      `Note: audits will warn about it from now on, as it expires within ${EXPIRY_WARNING_DAYS} days.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function registerSuppress(program: Command): void {
  program
    .command('suppress')
    .summary('accept a finding: add a suppression to the config file')
    .description(
      [
        'Add a suppression to the config file (created when missing), keeping its comments and layout. Suppressed findings stay in JSON and SARIF, marked with the reason, and do not fail the run.',
        '',
        'After --expires (the last day it applies, UTC) the finding counts again; audits warn 14 days ahead.',
      ].join('\n'),
    )
    .requiredOption('--rule <id>', 'rule id of the finding (see `iamspect rules`)')
    .requiredOption(
      '--resource <arn>',
      'resource ARN of the finding, or a glob where * matches any characters',
    )
    .requiredOption('--reason <text>', 'why the finding is accepted (shown in every report)')
    .option('--expires <YYYY-MM-DD>', 'last day the suppression applies')
    .option('-c, --config <file>', `config file to edit (default: ./${DEFAULT_CONFIG_FILE})`)
    .addHelpText(
      'after',
      [
        '',
        'Example:',
        '  iamspect suppress --rule user-unused-access-key \\',
        '    --resource arn:aws:iam::123456789012:user/backup-agent \\',
        '    --reason "Quarterly restore test uses this key (SEC-142)" \\',
        '    --expires 2026-12-31',
      ].join('\n'),
    )
    .action(async (flags: SuppressFlags) => {
      const today = new Date();
      // A built-in rule needs no plugin loaded: the config file's plugins only for another id.
      const registry = findRule(flags.rule) ? RULES : await ruleRegistry(flags);
      process.stdout.write(describe(runSuppress(flags, process.cwd(), today, registry), today));
      process.exitCode = EXIT.clean;
    });
}
