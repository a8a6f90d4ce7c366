// One bad file never sinks a template scan: a file built to break the parser (nested thousands of
// levels deep, an alias bomb) is "could not be scanned", and every good template's findings are
// still reported, SARIF included.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from 'sarif';
import type { Report } from '../../src/report/model.js';
import { MAX_NESTING_DEPTH } from '../../src/util/input-limits.js';
import { runCli } from '../cli-harness.js';
import { useTempDir } from '../builders/temp-dir.js';

const GOOD = readFileSync('fixtures/templates/seed/iam-admin-user.yaml', 'utf8');
const DEPTH = 5000;

/** `Resources: {Deep: [[[...]]]}` in JSON. */
const deepJson = `{"Resources": {"Deep": ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}}`;
/** The same in YAML block style, one level per line. */
const deepYaml = `Resources:\n${Array.from({ length: DEPTH }, (_, level) => `${' '.repeat(level + 2)}k:`).join('\n')}\n`;
/** "Billion laughs": ten levels of nine aliases each would expand to 9^10 nodes. */
const aliasBomb = [
  'Resources:',
  '  Admin: {Type: AWS::IAM::User}',
  'L0: &L0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  ...Array.from(
    { length: 9 },
    (_, level) => `L${level + 1}: &L${level + 1} [${Array(9).fill(`*L${level}`).join(', ')}]`,
  ),
].join('\n');

const dir = useTempDir('iamspect-hostile-');

function write(files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir(), name), content);
}

test.each([
  [
    'a JSON template nested 5,000 levels',
    'deep.json',
    deepJson,
    `nested more than ${MAX_NESTING_DEPTH} levels deep`,
  ],
  ['a YAML template nested 5,000 levels', 'deep.yaml', deepYaml, 'nested'],
  ['a YAML alias bomb', 'bomb.yaml', aliasBomb, 'alias'],
])(
  '%s among good templates: that file could not be scanned, the others are reported, SARIF written',
  async (_case, name, content, reason) => {
    write({ 'a-good.yaml': GOOD, [name]: content, 'z-good.yaml': GOOD });
    const sarif = join(dir(), 'out.sarif');
    // --fail-on none: the good templates' findings would make it exit 1, which hides the 3.
    const result = await runCli([
      'template',
      dir(),
      '--fail-on',
      'none',
      '--format',
      'json',
      '--output',
      `sarif=${sarif}`,
    ]);
    const report = JSON.parse(result.stdout) as Report;
    const files = new Set(report.findings.map((finding) => finding.location?.file.replace(/^.*\//, '')));
    expect(files).toEqual(new Set(['a-good.yaml', 'z-good.yaml']));
    const failed = (report.files ?? []).filter((file) => file.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason).toContain(reason);
    expect(result.code).toBe(3);
    const log = JSON.parse(readFileSync(sarif, 'utf8')) as Log;
    expect(log.runs[0]!.results!.length).toBe(report.findings.length);
  },
);

test('a JSON template with a key given twice names the file, line and key', async () => {
  write({
    'a-good.yaml': GOOD,
    'dup.json':
      '{\n  "Resources": {\n    "Admin": {"Type": "AWS::IAM::User"},\n    "Admin": {"Type": "AWS::IAM::Role"}\n  }\n}\n',
  });
  const result = await runCli(['template', dir(), '--fail-on', 'none', '--format', 'json']);
  const report = JSON.parse(result.stdout) as Report;
  expect(report.files?.find((file) => file.status === 'failed')?.reason).toMatch(
    /dup\.json:4:5: .*key "Admin" appears twice/,
  );
  expect(result.code).toBe(3);
});
