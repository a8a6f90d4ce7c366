// The files generated from code: docs/rules.md, docs/escalation-methods.md, docs/compliance.md, the
// public API report and the config JSON Schema for editors.
import { CONFIG_SCHEMA_FILE, configJsonSchema } from '../src/config-schema.js';
import { rulesAsMarkdown } from '../src/rules/catalogue.js';
import { RULES } from '../src/rules/index.js';
import { API_REPORT_FILE, apiReport } from './api-report.js';
import { complianceAsMarkdown } from './compliance-doc.js';
import { escalationMethodsAsMarkdown } from './escalation-methods-doc.js';

export function generatedFiles(): Record<string, string> {
  return {
    'docs/rules.md': rulesAsMarkdown(RULES),
    'docs/escalation-methods.md': escalationMethodsAsMarkdown(),
    'docs/compliance.md': complianceAsMarkdown(),
    [API_REPORT_FILE]: apiReport(),
    [CONFIG_SCHEMA_FILE]: `${JSON.stringify(configJsonSchema(RULES), null, 2)}\n`,
  };
}
