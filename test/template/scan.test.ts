import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { templateInputs } from '../../src/template/files.js';
import type { ScanOptions } from '../../src/template/scan.js';
import { describeFailure, scanTemplates } from '../../src/template/scan.js';
import { factsOf } from '../builders/template.js';
import { useTempDir } from '../builders/temp-dir.js';

const USER_YAML = 'Resources:\n  Admin:\n    Type: AWS::IAM::User\n';
const USER_JSON = '{\n  "Resources": {\n    "Admin": {\n      "Type": "AWS::IAM::User"\n    }\n  }\n}\n';
const NOW = new Date('2026-06-15T12:00:00Z');
const root = useTempDir('iamspect-template-');

/** The scan's results sorted by kind (each list keeps the scan's order). */
function scan(paths: string[], options: ScanOptions) {
  const files = [...scanTemplates(paths, options)];
  return {
    snapshots: files.flatMap((f) => (f.kind === 'template' ? [f.snapshot] : [])),
    failures: files.flatMap((f) => (f.kind === 'failure' ? [f.failure] : [])),
    notTemplates: files.flatMap((f) => (f.kind === 'not-template' ? [f.file] : [])),
  };
}

function tree(files: Record<string, string>): string {
  for (const [name, content] of Object.entries(files)) {
    const path = join(root(), name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return root();
}

describe('which files are read', () => {
  test('directories: recursive, sorted, template extensions only, hidden folders and node_modules skipped', () => {
    tree({
      'b/stack.yml': USER_YAML,
      'a/z.json': USER_JSON,
      'a/y.TEMPLATE': USER_YAML,
      'a/x.yaml': USER_YAML,
      'a/notes.txt': 'hello',
      '.github/workflows/ci.yml': 'on: push\n',
      'node_modules/pkg/stack.yaml': USER_YAML,
      '.hidden.yaml': USER_YAML,
    });
    const inputs = templateInputs(['.'], root());
    expect(inputs.map((input) => input.file)).toEqual([
      'a/x.yaml',
      'a/y.TEMPLATE',
      'a/z.json',
      'b/stack.yml',
    ]);
  });

  test('a file named on the command line is read whatever its extension; each file once', () => {
    tree({ 'stack.cfn': USER_YAML, 'dir/a.yaml': USER_YAML });
    const inputs = templateInputs(['stack.cfn', 'dir', 'dir/a.yaml', '-', '-'], root(), 'piped.yaml');
    expect(inputs).toEqual([
      { kind: 'file', path: join(root(), 'stack.cfn'), file: 'stack.cfn' },
      { kind: 'file', path: join(root(), 'dir/a.yaml'), file: 'dir/a.yaml' },
      { kind: 'stdin', file: 'piped.yaml' },
    ]);
  });

  test('a missing path is an input that cannot be read, not an exception', () => {
    expect(templateInputs(['nope.yaml'], root())).toEqual([
      { kind: 'unreadable', file: 'nope.yaml', message: 'no such file or directory' },
    ]);
  });
});

describe('scanning', () => {
  test('a broken file is reported with its line; the good files are still scanned', () => {
    tree({
      'a-good.yaml': USER_YAML,
      'b-broken.yaml': 'Resources:\n  Admin:\n    Type: AWS::IAM::User\n  Admin:\n    Type: AWS::IAM::Role\n',
      'c-good.json': USER_JSON,
    });
    const scanned = scan(['.'], { cwd: root(), now: NOW });
    expect(scanned.snapshots.map((s) => s.source.path)).toEqual(['a-good.yaml', 'c-good.json']);
    expect([...scanTemplates(['.'], { cwd: root(), now: NOW })].map((f) => f.kind)).toEqual([
      'template',
      'failure',
      'template',
    ]);
    expect(scanned.failures).toEqual([
      {
        file: 'b-broken.yaml',
        line: 4,
        column: 3,
        message:
          'not valid YAML or JSON: key "Admin" appears twice in one map (map keys must be unique; which value counts would be unclear)',
      },
    ]);
    expect(describeFailure(scanned.failures[0]!)).toBe(
      'b-broken.yaml:4:3: not valid YAML or JSON: key "Admin" appears twice in one map (map keys must be unique; which value counts would be unclear)',
    );
  });

  test('a YAML file that is not CloudFormation is skipped, not an error', () => {
    tree({
      'docker-compose.yaml': 'services:\n  web:\n    image: nginx\n',
      'custom-only.yaml': 'Resources:\n  Thing:\n    Type: Custom::Thing\n',
      'stack.yaml': USER_YAML,
    });
    const scanned = scan(['.'], { cwd: root(), now: NOW });
    expect(scanned.notTemplates).toEqual(['custom-only.yaml', 'docker-compose.yaml']);
    expect(scanned.failures).toEqual([]);
    expect(scanned.snapshots).toHaveLength(1);
  });

  test('JSON and YAML templates both carry line numbers, relative to the working directory', () => {
    tree({ 'infra/stack.json': USER_JSON, 'infra/stack.yaml': USER_YAML });
    const scanned = scan(['infra'], { cwd: root(), now: NOW });
    expect(scanned.snapshots.map((s) => factsOf(s).resources[0]!.location)).toEqual([
      { file: 'infra/stack.json', line: 3, column: 5 },
      { file: 'infra/stack.yaml', line: 2, column: 3 },
    ]);
    expect(scanned.snapshots[0]!.collectedAt).toBe(NOW.toISOString());
  });

  test('standard input, under the name given for it', () => {
    const scanned = scan(['-'], {
      cwd: root(),
      now: NOW,
      readStdin: () => USER_YAML,
      stdinName: 'piped.yaml',
    });
    expect(scanned.snapshots.map((s) => s.source.path)).toEqual(['piped.yaml']);
  });

  test('an unreadable path is a failure', () => {
    const scanned = scan(['missing.yaml'], { cwd: root(), now: NOW });
    expect(scanned.failures).toEqual([
      { file: 'missing.yaml', message: 'cannot read: no such file or directory' },
    ]);
  });
});
