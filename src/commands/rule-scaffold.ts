// The files `iamspect new-rule` writes: a rule with its metadata to fill in, and its test. A
// built-in rule (TypeScript, in the repository) and a plugin's rule (an ES module importing the
// public API) share one text; only their imports and the test function differ. The scaffold
// compiles and its test runs, and fails until it is filled in: its test case expects a finding
// written "TODO", and its first test refuses a title or docs still saying TODO. A scaffold that
// passed by itself would be a rule that checks nothing, with a green test.

/** The marker every blank of the scaffold holds; the scaffold's test fails while one is left. */
export const TODO = 'TODO';

export interface ScaffoldImports {
  /** The rule module's import lines. */
  rule: string[];
  /** The test's import lines (the rule's own import is added). */
  test: string[];
  /** The module specifier the test imports the rule from. */
  ruleModule: string;
  /** `test` (Jest's global) or `it` (node:test's, imported). */
  testFunction: 'test' | 'it';
  /** What ruleCases gets after the cases: node:test's describe/it, or nothing under Jest. */
  ruleCasesExtra: string;
}

/** `user-path` -> `userPath`: the rule's export name. */
export function exportName(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_dash, letter: string) => letter.toUpperCase());
}

export function ruleSource(id: string, imports: ScaffoldImports): string {
  return `${imports.rule.join('\n')}

// ${TODO}: fill in every ${TODO} below; the rule's test fails until none is left.
export const ${exportName(id)} = defineRule({
  id: '${id}',
  title: '${TODO}: what a compliant account looks like, e.g. IAM users live under /humans/ or /machines/',
  // critical, high, medium, low or info: overridable per project in .iamspect.yml.
  severity: 'medium',
  // The data sections check() reads: when one is missing the rule is "not evaluated", never a pass.
  needs: ['authorizationDetails'],
  // Options, with defaults and descriptions (shown by \`iamspect rules --explain\`), e.g.
  // z.object({ allowedPaths: z.array(z.string()).default(['/humans/']).describe('Paths users may live under.') }).strict()
  options: z.object({}).strict(),
  docs: {
    rationale: '${TODO}: why it matters (markdown).',
    remediation: '${TODO}: how to fix a finding (markdown).',
    references: [],
  },
  frameworks: {},
  // A finding for each resource that breaks the rule: its ARN and a message naming it and the numbers.
  check: ({ snapshot }) =>
    sectionData(snapshot, 'authorizationDetails')
      .users.filter((user) => user.path === '${TODO}: the condition that breaks the rule')
      .map((user) => ({ resource: user.arn, message: \`\${user.name}: ${TODO} say what is wrong.\` })),
});
`;
}

export function testSource(id: string, imports: ScaffoldImports): string {
  const rule = exportName(id);
  const { testFunction } = imports;
  return `${[...imports.test, `import { ${rule} } from '${imports.ruleModule}';`].join('\n')}

${testFunction}('${id}: its title and docs are written', () => {
  doesNotMatch(JSON.stringify({ title: ${rule}.title, docs: ${rule}.docs }), /${TODO}/);
});

// Both kinds of case, each snapshot built for it; an invalid case lists the exact findings.
ruleCases(
  ${rule},
  {
    valid: [
      {
        name: 'alice breaks nothing',
        snapshot: withAuthorizationDetails(emptySnapshot(), { users: [user('alice')] }),
      },
    ],
    invalid: [
      {
        name: 'bob is reported',
        snapshot: withAuthorizationDetails(emptySnapshot(), { users: [user('bob')] }),
        findings: [{ resource: '${TODO}: the ARN reported', message: '${TODO}: the exact message' }],
      },
    ],
  }${imports.ruleCasesExtra},
);
`;
}

/** A built-in rule: src/rules/<area>/<id>.ts, tested by Jest from test/rules/<area>/<id>.test.ts. */
export function builtInImports(area: string, id: string): ScaffoldImports {
  return {
    rule: [
      "import { z } from 'zod';",
      "import { sectionData } from '../../snapshot/access.js';",
      "import { defineRule } from '../types.js';",
    ],
    test: [
      "import { doesNotMatch } from 'node:assert/strict';",
      "import { ruleCases } from '../../../src/testing/rule-cases.js';",
      "import { emptySnapshot, user, withAuthorizationDetails } from '../../builders/snapshot.js';",
    ],
    ruleModule: `../../../src/rules/${area}/${id}.js`,
    testFunction: 'test',
    ruleCasesExtra: '',
  };
}

/** A plugin's rule: rules/<id>.js, tested with node:test from test/<id>.test.js (`node --test`). */
export function pluginImports(id: string): ScaffoldImports {
  return {
    rule: ["import { defineRule, sectionData } from 'iamspect';", "import { z } from 'zod';"],
    test: [
      "import { doesNotMatch } from 'node:assert/strict';",
      "import { describe, it } from 'node:test';",
      "import { emptySnapshot, ruleCases, user, withAuthorizationDetails } from 'iamspect/testing';",
    ],
    ruleModule: `../rules/${id}.js`,
    testFunction: 'it',
    ruleCasesExtra: ',\n  { describe, it }',
  };
}

/**
 * The plugin's index with the rule added to its `rules: [...]` list and imported, or undefined when
 * the index has no such list to add to.
 */
export function addToPluginIndex(index: string, id: string): string | undefined {
  const rule = exportName(id);
  const list = /rules:\s*\[([^\]]*)\]/.exec(index);
  if (!list) return undefined;
  const items = list[1]!;
  const lastItem = items.trimEnd().replace(/,$/, '');
  const newItems = items.includes('\n')
    ? `${lastItem},\n${/\n([ \t]*)\S/.exec(items)?.[1] ?? '    '}${rule},\n${/\n([ \t]*)$/.exec(items)?.[1] ?? '  '}`
    : lastItem.trim() === ''
      ? rule
      : `${lastItem.trim()}, ${rule}`;
  const withRule = `${index.slice(0, list.index)}rules: [${newItems}]${index.slice(list.index + list[0].length)}`;
  const imports = [...withRule.matchAll(/^import .*;\n/gm)];
  const last = imports.at(-1);
  // After the last import; a first import is set apart from the code below it by a blank line.
  const after = last ? last.index + last[0].length : 0;
  const importLine = `import { ${rule} } from './rules/${id}.js';\n${last ? '' : '\n'}`;
  return `${withRule.slice(0, after)}${importLine}${withRule.slice(after)}`;
}
