// --plugin and the config file's `plugins:`: the rule registry of one run, the built-in rules and
// the plugins' (src/engine/plugins.ts). Shared by the commands that run or list rules.
import type { Command } from 'commander';
import { dirname } from 'node:path';
import { loadConfig } from '../config.js';
import type { PluginReference } from '../engine/plugins.js';
import { loadPlugins } from '../engine/plugins.js';
import { RULES } from '../rules/index.js';
import type { AnyRule } from '../rules/types.js';

export interface PluginFlags {
  config?: string;
  plugin?: string[];
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function addPluginOption(command: Command): Command {
  return command.option(
    '--plugin <file>',
    'load rules from a plugin, an ES module exporting { name, rules } (repeatable; it runs as code with your permissions)',
    collect,
  );
}

/**
 * Every rule this run knows, sorted by id: the built-ins, then the config file's plugins (paths
 * relative to the config file) and --plugin's (relative to the working directory).
 */
export async function ruleRegistry(flags: PluginFlags, cwd = process.cwd()): Promise<readonly AnyRule[]> {
  const loaded = loadConfig(flags.config, cwd);
  const references: PluginReference[] = [
    ...(loaded.config.plugins ?? []).map((specifier) => ({
      specifier,
      baseDir: loaded.path ? dirname(loaded.path) : cwd,
    })),
    ...(flags.plugin ?? []).map((specifier) => ({ specifier, baseDir: cwd })),
  ];
  if (references.length === 0) return RULES;
  const plugins = await loadPlugins(references);
  return [...RULES, ...plugins].sort((a, b) => a.id.localeCompare(b.id));
}
