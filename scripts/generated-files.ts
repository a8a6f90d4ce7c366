// The files generated from code: docs/rules.md and the config JSON Schema for editors.
import { CONFIG_SCHEMA_FILE, configJsonSchema } from '../src/config-schema.js';
import { rulesAsMarkdown } from '../src/rules/catalogue.js';
import { RULES } from '../src/rules/index.js';

export function generatedFiles(): Record<string, string> {
  return {
    'docs/rules.md': rulesAsMarkdown(RULES),
    [CONFIG_SCHEMA_FILE]: `${JSON.stringify(configJsonSchema(RULES), null, 2)}\n`,
  };
}
