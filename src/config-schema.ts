// The JSON Schema of .iamspect.yml for editors (yaml-language-server, VS Code), generated from the
// same zod schemas the config loader uses, with each rule's own options schema under rules.<id>.
import { z } from 'zod';
import { configSchema, ruleSettingsSchema } from './config.js';
import type { AnyRule } from './rules/types.js';

export const CONFIG_SCHEMA_FILE = 'schema/iamspect-config.schema.json';

export function configJsonSchema(rules: readonly AnyRule[]): Record<string, unknown> {
  const base = z.toJSONSchema(configSchema, { io: 'input' }) as Record<string, unknown> & {
    properties: Record<string, Record<string, unknown>>;
  };
  const ruleProperties: Record<string, unknown> = {};
  for (const rule of rules) {
    const settings = z.toJSONSchema(ruleSettingsSchema, { io: 'input' }) as {
      properties: Record<string, unknown>;
      $schema?: string;
    };
    delete settings.$schema;
    const options = z.toJSONSchema(rule.options, { io: 'input', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >;
    delete options.$schema;
    settings.properties.options = { ...options, description: `Options of ${rule.id} (see docs/rules.md).` };
    ruleProperties[rule.id] = { ...settings, description: rule.title };
  }
  base.properties.rules = {
    type: 'object',
    description: 'Per-rule settings, keyed by rule id.',
    properties: ruleProperties,
    additionalProperties: false,
  };
  return { title: 'iamspect configuration (.iamspect.yml)', ...base };
}
