// `iamspect rules`: the rule catalogue from the rules' own metadata.
import type { Command } from 'commander';
import { Option } from 'commander';
import { rulesAsJson, rulesAsMarkdown, rulesAsTable } from '../rules/catalogue.js';
import { RULES } from '../rules/index.js';

const renderers = { table: rulesAsTable, json: rulesAsJson, markdown: rulesAsMarkdown } as const;

export function registerRules(program: Command): void {
  program
    .command('rules')
    .summary('list the rules with their severity, data needs and options')
    .description(
      "List every rule: its id (what config files, suppressions and --rules use), default severity, whether it runs by default, the snapshot sections it reads, and its title. The markdown format is docs/rules.md, with each rule's rationale, fix and options.",
    )
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(Object.keys(renderers)).default('table'),
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  iamspect rules',
        '  iamspect rules --format json | jq -r \'.[] | select(.severity == "critical") | .id\'',
      ].join('\n'),
    )
    .action((flags: { format: keyof typeof renderers }) => {
      process.stdout.write(renderers[flags.format](RULES));
    });
}
