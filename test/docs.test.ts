import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { generatedFiles } from '../scripts/generated-files.js';
import { CONFIG_SCHEMA_FILE } from '../src/config-schema.js';
import { packageRoot } from '../src/util/package-root.js';

const files = generatedFiles();

test.each(Object.keys(files))(
  '%s is in sync with the rules (run `npm run docs` after changing a rule)',
  (file) => {
    expect(readFileSync(join(packageRoot(), file), 'utf8')).toBe(files[file]);
  },
);

describe('the config JSON Schema accepts what the loader accepts and rejects what it rejects', () => {
  const validate = new Ajv2020({ strict: false }).compile(JSON.parse(files[CONFIG_SCHEMA_FILE]!) as object);
  test.each([
    ['failOn: medium', true],
    ['rules:\n  user-unused-access-key:\n    options: { maxUnusedDays: 30 }', true],
    ['rules:\n  user-unused-access-key:\n    options: { maxUnusedDays: -1 }', false],
    ['rules:\n  user-unused-access-key:\n    options: { maxUnusedDay: 30 }', false],
    ['rules:\n  no-such-rule: { enabled: true }', false],
    ['suppressions:\n  - { rule: root-mfa, resource: "*", reason: accepted, expires: "2026-12-31" }', true],
    ['suppressions:\n  - { rule: root-mfa, resource: "*" }', false],
    ['failon: high', false],
  ])('%j -> valid: %s', (text, valid) => {
    expect(validate(parse(text) ?? {})).toBe(valid);
  });
});
