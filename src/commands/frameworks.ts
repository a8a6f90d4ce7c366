// `iamspect frameworks`: the compliance frameworks `audit --framework` reports on, with how many
// of their controls rules check and how many are manual; `--controls ID` lists one framework's
// controls with the rules behind each and the option limits the benchmark sets.
import type { Command } from 'commander';
import { Option } from 'commander';
import { table } from 'table';
import type { FrameworkControl } from '../compliance/controls.js';
import { frameworkControls } from '../compliance/controls.js';
import { FRAMEWORK_IDS, FRAMEWORKS, findFramework } from '../compliance/frameworks.js';
import type { Framework } from '../compliance/types.js';
import { InputError } from '../errors.js';
import { printReport } from '../util/stdout.js';

export interface FrameworkSummary {
  id: string;
  title: string;
  scope: string;
  source: string;
  controls: number;
  /** Controls at least one rule checks. */
  checked: number;
  /** Controls no rule checks yet: reported as manual, attestable. */
  manual: number;
}

export function frameworkSummary(framework: Framework): FrameworkSummary {
  const controls = frameworkControls(framework);
  const checked = controls.filter((control) => control.rules.length > 0).length;
  const { id, title, scope, source } = framework;
  return { id, title, scope, source, controls: controls.length, checked, manual: controls.length - checked };
}

function limitsText(control: FrameworkControl): string {
  return control.limits
    .map(
      (limit) =>
        `${limit.rule}.${limit.option} ${limit.direction === 'at-most' ? '<=' : '>='} ${limit.value}`,
    )
    .join('\n');
}

function frameworksTable(): string {
  const rows = FRAMEWORKS.map(frameworkSummary).map((s) => [s.id, s.title, s.controls, s.checked, s.manual]);
  return table([['id', 'title', 'controls', 'checked', 'manual'], ...rows], {
    columns: { 1: { width: 48, wrapWord: true } },
    drawHorizontalLine: (index, size) => index === 0 || index === 1 || index === size,
  });
}

function controlsTable(framework: Framework): string {
  const rows = frameworkControls(framework).map((control) => [
    control.id,
    control.title,
    control.rules.join('\n') || '(manual)',
    limitsText(control),
  ]);
  return table([['control', 'title', 'rules', 'option limits'], ...rows], {
    columns: { 1: { width: 44, wrapWord: true } },
    drawHorizontalLine: (index, size) => index === 0 || index === 1 || index === size,
  });
}

function frameworkById(id: string): Framework {
  const framework = findFramework(id);
  if (!framework) {
    throw new InputError(`--controls ${id}: unknown framework`, `Frameworks: ${FRAMEWORK_IDS.join(', ')}.`);
  }
  return framework;
}

export function registerFrameworks(program: Command): void {
  program
    .command('frameworks')
    .summary('list the compliance frameworks audit --framework reports on')
    .description(
      "List the compliance frameworks `audit --framework ID` reports on per control, with how many controls each has, how many rules check and how many are manual (attestable in the config). --controls ID lists one framework's controls, the rules behind each and the option limits the benchmark sets.",
    )
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'),
    )
    .option('--controls <id>', "list this framework's controls")
    .action((flags: { format: 'table' | 'json'; controls?: string }) => {
      if (flags.controls !== undefined) {
        const framework = frameworkById(flags.controls);
        printReport(
          flags.format === 'json'
            ? `${JSON.stringify(frameworkControls(framework), null, 2)}\n`
            : controlsTable(framework),
        );
        return;
      }
      printReport(
        flags.format === 'json'
          ? `${JSON.stringify(FRAMEWORKS.map(frameworkSummary), null, 2)}\n`
          : frameworksTable(),
      );
    });
}
