import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { generatedFiles } from '../scripts/generated-files.js';
import { ESCALATION_METHODS } from '../src/policy/privesc-methods.js';
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

describe('docs/escalation-methods.md', () => {
  const page = files['docs/escalation-methods.md']!;

  test.each(ESCALATION_METHODS.map((method) => [method.id, method] as const))(
    '%s is listed with its actions and sources',
    (id, method) => {
      const row = page.split('\n').find((line) => line.startsWith(`| \`${id}\` |`));
      expect(row).toBeDefined();
      for (const action of method.actions) expect(row).toContain(`\`${action}\``);
      expect(row).toContain(method.category);
      if (method.service) expect(row).toContain(`\`${method.service}\``);
    },
  );

  test('sources are links and preconditions are explained', () => {
    expect(page).toContain('[pathfinding:ecs-008](https://pathfinding.cloud/paths/ecs-008)');
    expect(page).toMatch(/`organization-management-account`.*management account/);
  });
});
