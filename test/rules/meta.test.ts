// Checks every registered rule against the conventions users and tooling rely on: the id is the
// public interface (config, suppressions, SARIF), so it must be well-formed, unique and match its
// file; every rule must be registered, documented, tested, and usable with default options.
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES } from '../../src/rules/index.js';
import type { AnyRule } from '../../src/rules/types.js';
import { SEVERITIES, SEVERITY_RANK } from '../../src/model/severity.js';
import { TEMPLATE_SECTIONS } from '../../src/template/to-snapshot.js';
import { packageRoot } from '../../src/util/package-root.js';

const ROOT = packageRoot();
const RULES_DIR = join(ROOT, 'src', 'rules');
/** Folders under src/rules that hold helpers, not rules. */
const HELPER_FOLDERS = new Set(['shared']);
const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const TEMPLATE_SECTION_SET: ReadonlySet<string> = new Set(TEMPLATE_SECTIONS);

interface RuleFile {
  area: string;
  id: string;
  path: string;
}

const ruleFiles: RuleFile[] = readdirSync(RULES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !HELPER_FOLDERS.has(entry.name))
  .flatMap((area) =>
    readdirSync(join(RULES_DIR, area.name))
      .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
      .map((file) => ({
        area: area.name,
        id: basename(file, '.ts'),
        path: join(RULES_DIR, area.name, file),
      })),
  );

function isRule(value: unknown): value is AnyRule {
  return typeof value === 'object' && value !== null && 'id' in value && 'check' in value;
}

describe.each(RULES.map((rule) => [rule.id, rule] as const))('rule %s', (id, rule) => {
  const files = ruleFiles.filter((file) => file.id === id);

  test('id is kebab-case and names exactly one rule file', () => {
    expect(id).toMatch(KEBAB_CASE);
    // The received value says what to do: create the file, or keep one of those named.
    const problem =
      files.length === 0
        ? `create src/rules/<area>/${id}.ts defining the rule (one rule per file, named after its id)`
        : files.length > 1
          ? `one file per id, not ${files.map((file) => relative(ROOT, file.path)).join(' and ')}`
          : undefined;
    expect(problem).toBeUndefined();
  });

  test('has a title stating the good state in at most 100 characters, without "Ensure"', () => {
    expect(rule.title.trim()).not.toBe('');
    expect(rule.title.length).toBeLessThanOrEqual(100);
    expect(rule.title).not.toMatch(/\bensure\b/i);
  });

  test('has a known severity and reads at least one section', () => {
    expect(SEVERITIES).toContain(rule.severity);
    expect(rule.needs.length).toBeGreaterThan(0);
  });

  test('has docs: rationale, remediation and https references', () => {
    expect(rule.docs.rationale.trim()).not.toBe('');
    expect(rule.docs.remediation.trim()).not.toBe('');
    expect(rule.docs.references.length).toBeGreaterThan(0);
    for (const reference of rule.docs.references) expect(reference).toMatch(/^https:\/\/\S+$/);
  });

  test('has a test file named after it', () => {
    const area = files[0]?.area ?? '<area>';
    const testFile = join('test', 'rules', area, `${id}.test.ts`);
    expect(existsSync(join(ROOT, testFile)) ? undefined : `create ${testFile}`).toBeUndefined();
  });

  // runsOn is the one field that says which command runs a rule: a rule that runs on templates
  // must need only what a template fills, or it would be "not evaluated" for every template.
  test('runs on templates only when a template fills every section it needs', () => {
    const missing = (rule.templateNeeds ?? rule.needs).filter((name) => !TEMPLATE_SECTION_SET.has(name));
    const problem =
      rule.runsOn !== 'account' && missing.length > 0
        ? `runsOn '${rule.runsOn}', but a template has no ${missing.join(', ')}: set runsOn: 'account'`
        : undefined;
    expect(problem).toBeUndefined();
  });

  test("reads the cloudFormation section exactly when it runs on templates only (runsOn: 'template')", () => {
    expect(rule.needs.includes('cloudFormation')).toBe(rule.runsOn === 'template');
  });

  test('options parse from an empty object (every option has a default)', () => {
    expect(() => rule.options.parse({})).not.toThrow();
  });
});

test('every rule file is registered', () => {
  const registered = new Set(RULES.map((rule) => rule.id));
  const unregistered = ruleFiles
    .filter((file) => !registered.has(file.id))
    .map(
      (file) => `${relative(ROOT, file.path)}: add its rule to the list in src/rules/${file.area}/index.ts`,
    );
  expect(unregistered).toEqual([]);
});

test('each rule file defines the rule it is named after, and only that rule', async () => {
  for (const file of ruleFiles) {
    const module = (await import(pathToFileURL(file.path).href)) as Record<string, unknown>;
    const defined = Object.values(module)
      .filter(isRule)
      .map((rule) => rule.id);
    expect({ file: file.path, defined }).toEqual({ file: file.path, defined: [file.id] });
  }
});

test('ids and aliases are unique across all rules', () => {
  const names = RULES.flatMap((rule) => [rule.id, ...(rule.aliases ?? [])]);
  const duplicates = names.filter((name, index) => names.indexOf(name) !== index);
  expect(duplicates).toEqual([]);
});

describe('supersededBy (one problem, one finding)', () => {
  const byId = new Map(RULES.map((rule) => [rule.id, rule]));
  const superseding = RULES.filter((rule) => rule.supersededBy !== undefined);

  test.each(superseding.map((rule) => [rule.id, rule] as const))(
    '%s is superseded by existing rules other than itself',
    (id, rule) => {
      expect(rule.supersededBy!.length).toBeGreaterThan(0);
      for (const other of rule.supersededBy!) {
        expect(byId.has(other)).toBe(true);
        expect(other).not.toBe(id);
      }
    },
  );

  // The finding that stays must not be milder than the one it replaces, or a gate at the dropped
  // finding's severity would pass.
  test.each(superseding.map((rule) => [rule.id, rule] as const))(
    '%s is superseded only by rules at least as severe',
    (_id, rule) => {
      for (const other of rule.supersededBy!) {
        expect(SEVERITY_RANK[byId.get(other)!.severity]).toBeGreaterThanOrEqual(SEVERITY_RANK[rule.severity]);
      }
    },
  );

  // The engine follows supersededBy one step only, so a rule lists every rule above it: if the
  // middle rule did not run, the top one must still cover the bottom one. That also rules out cycles.
  test.each(superseding.map((rule) => [rule.id, rule] as const))(
    '%s lists every rule that supersedes the rules superseding it, and is not among them',
    (id, rule) => {
      const listed = new Set(rule.supersededBy);
      for (const other of rule.supersededBy!) {
        for (const above of byId.get(other)?.supersededBy ?? []) {
          expect(above).not.toBe(id);
          expect(listed.has(above)).toBe(true);
        }
      }
    },
  );
});
