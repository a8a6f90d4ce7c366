// Plugins: rules a user writes, loaded from ES modules named in the config file (`plugins:`) or
// with --plugin, and never from anything a run reads (a snapshot, report or template is data, a
// plugin is code that runs with the user's permissions). Each module exports `{ name, rules }`;
// its rule ids are namespaced `<name>/<id>`, so they never collide with a built-in id, and from
// then on the engine treats them exactly like built-ins. Every defect of a plugin is an InputError
// naming the plugin and the field, found before any input is read.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { SEVERITIES } from '../model/severity.js';
import type { AnyRule, Finding, RuleContext } from '../rules/types.js';
import { SECTION_NAMES } from '../snapshot/schema.js';

/** A plugin as the user named it, and the directory a relative path is read from. */
export interface PluginReference {
  specifier: string;
  /** Directory of the config file that names it, or the working directory for --plugin. */
  baseDir: string;
}

const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const NAME_RULE = 'lower-case letters, digits and dashes';
const PLUGIN_HINT = 'See docs/plugins.md for what a plugin module exports.';

function pluginError(label: string, problem: string): InputError {
  return new InputError(`plugin ${label}: ${problem}`, PLUGIN_HINT);
}

/** The file a specifier names: a path (relative to its base directory) or an installed package. */
function resolvePlugin({ specifier, baseDir }: PluginReference): string {
  const isPath = specifier.startsWith('.') || isAbsolute(specifier);
  if (isPath) {
    const file = resolve(baseDir, specifier);
    if (!existsSync(file)) throw pluginError(specifier, `file not found (${file})`);
    return file;
  }
  try {
    return createRequire(join(baseDir, 'package.json')).resolve(specifier);
  } catch {
    throw pluginError(
      specifier,
      `package not found from ${baseDir} (install it, or give a path starting with ./)`,
    );
  }
}

/**
 * Whether Node loads `file` as an ES module: `.mjs`, or `.js` under a package.json whose "type" is
 * "module" (the nearest one decides, as in Node).
 */
function isEsModule(file: string): boolean {
  const extension = extname(file);
  if (extension === '.mjs') return true;
  if (extension !== '.js') return false;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type === 'module';
      } catch {
        return false;
      }
    }
    if (dirname(dir) === dir) return false;
  }
}

async function importPlugin(specifier: string, file: string): Promise<Record<string, unknown>> {
  if (!isEsModule(file)) {
    throw pluginError(
      specifier,
      'not an ES module (name it .mjs, or put "type": "module" in the package.json beside it)',
    );
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw pluginError(specifier, `cannot be loaded: ${(error as Error).message}`);
  }
  // `export default { name, rules }` or `export const name = ...; export const rules = [...]`.
  const exported = module.default ?? module;
  if (typeof exported !== 'object' || exported === null) {
    throw pluginError(specifier, 'its default export is not an object { name, rules }');
  }
  return exported as Record<string, unknown>;
}

/** A page a SARIF viewer can link to: an absolute http(s) URL. */
function isWebUrl(value: unknown): boolean {
  return typeof value === 'string' && /^https?:\/\/[^\s/]+/.test(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** The first thing wrong with one rule of a plugin, as "field: problem", or undefined. */
function ruleProblem(rule: Record<string, unknown>): string | undefined {
  if (!isText(rule.id)) return 'id: required (a string)';
  if (!NAME_PATTERN.test(rule.id)) return `id: "${rule.id}" must be ${NAME_RULE} (the plugin name is added)`;
  if (!isText(rule.title)) return 'title: required (a string)';
  if (!SEVERITIES.includes(rule.severity as never))
    return `severity: required, one of ${SEVERITIES.join(', ')}`;
  if (!Array.isArray(rule.needs)) return 'needs: required (the data sections the rule reads)';
  if (rule.alsoReads !== undefined && !Array.isArray(rule.alsoReads)) {
    return 'alsoReads: a list of data sections, when given';
  }
  for (const field of ['needs', 'alsoReads'] as const) {
    const names = (rule[field] ?? []) as unknown[];
    const unknown = names.find((name) => !SECTION_NAMES.includes(name as never));
    if (unknown !== undefined) {
      return `${field}: "${String(unknown)}" is not a data section (sections: ${SECTION_NAMES.join(', ')})`;
    }
  }
  const docs = rule.docs as Record<string, unknown> | undefined;
  if (!docs || !isText(docs.rationale) || !isText(docs.remediation) || !Array.isArray(docs.references)) {
    return 'docs: required ({ rationale, remediation, references })';
  }
  if (docs.url !== undefined && !isWebUrl(docs.url)) {
    return `docs.url: ${JSON.stringify(docs.url)} is not an http(s) URL`;
  }
  if (typeof rule.check !== 'function') return 'check: required (a function of the snapshot)';
  if (rule.options !== undefined && !validOptionsSchema(rule.options)) {
    return 'options: not a zod schema of an object (z.object({...}))';
  }
  return undefined;
}

/**
 * A zod object schema whose defaults parse: what resolveRules and the docs read options with.
 * Checked by shape, not instanceof, since a plugin may bring its own copy of zod.
 */
function validOptionsSchema(options: unknown): boolean {
  const schema = options as z.ZodType;
  if (typeof schema?.safeParse !== 'function') return false;
  try {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { type?: unknown };
    return json.type === 'object' && schema.safeParse({}).success;
  } catch {
    return false;
  }
}

/**
 * The rule as the engine runs it: its id namespaced, defaults filled in, and an error it throws
 * named after the plugin (the engine reports it as a rule error, exit 3).
 */
function pluginRule(plugin: string, rule: Record<string, unknown>): AnyRule {
  const check = rule.check as (context: RuleContext<unknown>) => Finding[];
  return {
    enabledByDefault: true,
    runsOn: 'account',
    frameworks: {},
    options: z.object({}).strict(),
    ...rule,
    id: `${plugin}/${String(rule.id)}`,
    check: (context: RuleContext<unknown>) => {
      try {
        return check(context);
      } catch (error) {
        throw new Error(`plugin ${plugin}: ${(error as Error).message ?? String(error)}`, { cause: error });
      }
    },
  } as unknown as AnyRule;
}

/** Loads every plugin, in order: their rules, namespaced. Throws InputError on the first defect. */
export async function loadPlugins(references: readonly PluginReference[]): Promise<AnyRule[]> {
  const rules: AnyRule[] = [];
  const seen = new Set<string>();
  for (const reference of references) {
    const { specifier } = reference;
    const exported = await importPlugin(specifier, resolvePlugin(reference));
    const name = exported.name;
    if (!isText(name) || !NAME_PATTERN.test(name)) {
      throw pluginError(specifier, `name: required, ${NAME_RULE} (it prefixes the rule ids)`);
    }
    if (!Array.isArray(exported.rules) || exported.rules.length === 0) {
      throw pluginError(`${specifier} (${name})`, 'rules: required, a non-empty array of rules');
    }
    (exported.rules as unknown[]).forEach((candidate, index) => {
      const rule = (typeof candidate === 'object' && candidate !== null ? candidate : {}) as Record<
        string,
        unknown
      >;
      const problem = ruleProblem(rule);
      if (problem) throw pluginError(`${specifier} (${name})`, `rules[${index}].${problem}`);
      const namespaced = pluginRule(name, rule);
      if (seen.has(namespaced.id)) {
        throw pluginError(
          `${specifier} (${name})`,
          `rules[${index}].id: "${namespaced.id}" is defined twice`,
        );
      }
      seen.add(namespaced.id);
      rules.push(namespaced);
    });
  }
  return rules;
}
