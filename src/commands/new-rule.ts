// `iamspect new-rule ID`: scaffolds a rule and its test with the metadata to fill in. In the
// iamspect repository it writes a built-in rule (src/rules/<area>/) and its Jest test; with
// --plugin DIR, a rule module and its node:test test inside the plugin, added to the plugin's
// index. It never overwrites a file: every file is checked before the first is written.
import type { Command } from 'commander';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { findRule } from '../rules/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { joinWithAnd } from '../util/words.js';
import type { ScaffoldImports } from './rule-scaffold.js';
import {
  addToPluginIndex,
  builtInImports,
  exportName,
  pluginImports,
  ruleSource,
  testSource,
} from './rule-scaffold.js';

export interface NewRuleFlags {
  plugin?: string;
  area?: string;
}

/** Lower-case words joined by single dashes, starting with a letter: a file name and an export name. */
const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function checkId(id: string, flags: NewRuleFlags): void {
  if (flags.plugin !== undefined && id.includes('/')) {
    throw new InputError(
      `ID: "${id}" names a plugin: give the rule's own id (user-path), the plugin's name is added to it`,
    );
  }
  if (!RULE_ID.test(id)) {
    throw new InputError(
      `ID: "${id}" is not a rule id: lower-case words joined by dashes, starting with a letter (e.g. user-path)`,
    );
  }
  if (flags.plugin === undefined && findRule(id)) {
    throw new InputError(`ID: "${id}" is already a built-in rule`, 'Rule ids are public: choose a new one.');
  }
}

interface Plan {
  files: Array<{ path: string; content: string }>;
  /** The plugin index and its new content, when the rule is added to its list. */
  index?: { path: string; content: string };
  next: string[];
}

/** The repository's rule areas (src/rules/<area>/index.ts), or undefined outside the repository. */
function repositoryAreas(root: string): string[] | undefined {
  const manifest = join(root, 'package.json');
  const rules = join(root, 'src', 'rules');
  if (!existsSync(manifest) || !existsSync(rules)) return undefined;
  if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name !== 'iamspect')
    return undefined;
  return readdirSync(rules, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(rules, entry.name, 'index.ts')))
    .map((entry) => entry.name)
    .sort();
}

function files(id: string, rulePath: string, testPath: string, imports: ScaffoldImports) {
  return [
    { path: rulePath, content: ruleSource(id, imports) },
    { path: testPath, content: testSource(id, imports) },
  ];
}

function builtInPlan(id: string, area: string | undefined, root: string): Plan {
  const areas = repositoryAreas(root);
  if (!areas) {
    throw new InputError(
      'new-rule without --plugin writes a built-in rule, so it runs in the iamspect repository',
      'For a rule of your own, give the plugin directory: iamspect new-rule ID --plugin DIR',
    );
  }
  if (area === undefined || !areas.includes(area)) {
    throw new InputError(
      area === undefined ? '--area: required for a built-in rule' : `--area: "${area}" is not a rule area`,
      `The areas: ${joinWithAnd(areas)}.`,
    );
  }
  return {
    files: files(
      id,
      join(root, 'src', 'rules', area, `${id}.ts`),
      join(root, 'test', 'rules', area, `${id}.test.ts`),
      builtInImports(area, id),
    ),
    next: [
      `add ${exportName(id)} to the list in src/rules/${area}/index.ts`,
      `npm test -- test/rules/${area}/${id}.test.ts`,
      'add it to /work/shared/RULES.md, then npm run docs',
    ],
  };
}

function pluginPlan(id: string, dir: string): Plan {
  const indexPath = join(dir, 'index.js');
  const index = existsSync(indexPath) ? readFileSync(indexPath, 'utf8') : undefined;
  const withRule = index === undefined ? undefined : addToPluginIndex(index, id);
  const listed = withRule === undefined ? [`add ${exportName(id)} to your plugin's rules list`] : [];
  return {
    files: files(id, join(dir, 'rules', `${id}.js`), join(dir, 'test', `${id}.test.js`), pluginImports(id)),
    ...(withRule !== undefined && { index: { path: indexPath, content: withRule } }),
    next: [...listed, 'node --test (in the plugin directory; iamspect and zod installed)'],
  };
}

export function newRule(id: string, flags: NewRuleFlags, cwd = process.cwd()): string[] {
  checkId(id, flags);
  const plan =
    flags.plugin === undefined
      ? builtInPlan(id, flags.area, cwd)
      : pluginPlan(id, resolve(cwd, flags.plugin));
  const existing = plan.files.find((file) => existsSync(file.path));
  if (existing) {
    throw new InputError(
      `${relative(cwd, existing.path)}: already exists; new-rule never overwrites a file`,
      'Choose another id, or remove the file.',
    );
  }
  const lines: string[] = [];
  for (const file of plan.files) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.content, { flag: 'wx' });
    lines.push(`created ${relative(cwd, file.path)}`);
  }
  if (plan.index) {
    writeFileAtomic(plan.index.path, plan.index.content);
    lines.push(`added ${exportName(id)} to the rules of ${relative(cwd, plan.index.path)}`);
  }
  lines.push('Next: fill in every TODO (the test fails until none is left), then:');
  return [...lines, ...plan.next.map((step) => `  ${step}`)];
}

export function registerNewRule(program: Command): void {
  program
    .command('new-rule')
    .summary('scaffold a rule and its test, with the metadata to fill in')
    .description(
      'Writes a rule and its test. In the iamspect repository: src/rules/<area>/ID.ts and ' +
        'test/rules/<area>/ID.test.ts. With --plugin DIR: DIR/rules/ID.js and DIR/test/ID.test.js ' +
        "(node:test and iamspect/testing), and the rule in DIR/index.js's rules list. The test fails " +
        'until every TODO is filled in. Never overwrites a file.',
    )
    .argument('<id>', 'the rule id: lower-case words joined by dashes (a plugin adds its name: acme/ID)')
    .option('--plugin <dir>', "the plugin's directory (default: a built-in rule of the repository)")
    .option('--area <area>', 'the folder of src/rules/ a built-in rule goes in (users, policy, root...)')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  iamspect new-rule user-path --plugin ./acme-rules',
        '  iamspect new-rule user-path --area users      (in the iamspect repository)',
        '',
        'Then fill in the TODOs and run the test.',
        'The walk-through: docs/plugins.md',
      ].join('\n'),
    )
    .action((id: string, flags: NewRuleFlags) => {
      process.stdout.write(`${newRule(id, flags).join('\n')}\n`);
    });
}
