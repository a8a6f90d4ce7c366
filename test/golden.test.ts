// Golden outputs: every format of the demo, the AWS CLI fixtures and the template examples, byte
// for byte. They pin what users and their scripts read, so that restructuring the code cannot
// change a report by accident. When an output changes on purpose, regenerate the files with
// `UPDATE_GOLDEN=1 npm test -- test/golden` and review the diff like any other change.
import { jest } from '@jest/globals';
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './cli-harness.js';

const EXPECTED_DIR = 'fixtures/expected';
/** The wall clock every golden run sees: reports carry the time they were generated. */
const FIXED_NOW = new Date('2026-12-01T12:00:00.000Z');
const FORMATS = ['table', 'json', 'sarif', 'markdown', 'junit', 'csv', 'html', 'ocsf'] as const;
const AWS_CLI_DIRS = [
  'fixtures/demo',
  'fixtures/aws-cli/govcloud-partial',
  'fixtures/aws-cli/paged-api-pages',
];

interface GoldenCase {
  file: string;
  args: string[];
}

function slug(path: string): string {
  return path.replace(/^fixtures\//, '').replace(/[^a-z0-9]+/gi, '-');
}

const CASES: GoldenCase[] = [
  ...FORMATS.map((format) => ({ file: `demo.${format}`, args: ['audit', '--demo', '--format', format] })),
  ...(['json', 'table'] as const).map((format) => ({
    file: `demo-cis-aws-7.0.${format}`,
    args: ['audit', '--demo', '--framework', 'cis-aws-7.0', '--format', format],
  })),
  ...AWS_CLI_DIRS.map((dir) => ({
    file: `aws-cli-${slug(dir)}.json`,
    args: ['audit', '--aws-cli-dir', dir, '--format', 'json'],
  })),
  ...FORMATS.map((format) => ({
    file: `template-seed.${format}`,
    args: ['template', 'fixtures/templates/seed', '--format', format],
  })),
  { file: 'rules.table', args: ['rules'] },
  { file: 'rules.json', args: ['rules', '--format', 'json'] },
  { file: 'permissions.json', args: ['permissions'] },
];

const update = process.env.UPDATE_GOLDEN === '1';

const columns = process.env.COLUMNS;

beforeAll(() => {
  // Outputs for a pipe take their width from COLUMNS when it is set: goldens are the pipe's default.
  delete process.env.COLUMNS;
  jest.useFakeTimers({
    now: FIXED_NOW,
    doNotFake: [
      'nextTick',
      'setImmediate',
      'setTimeout',
      'setInterval',
      'clearTimeout',
      'clearInterval',
      'queueMicrotask',
    ],
  });
  // An AWS CLI directory without times inside its files is dated by the files themselves; a
  // checkout gives them the time of the clone, so pin it.
  for (const dir of AWS_CLI_DIRS)
    for (const name of readdirSync(dir)) utimesSync(join(dir, name), FIXED_NOW, FIXED_NOW);
  if (update) mkdirSync(EXPECTED_DIR, { recursive: true });
});

afterAll(() => {
  jest.useRealTimers();
  if (columns !== undefined) process.env.COLUMNS = columns;
});

describe('golden outputs', () => {
  test.each(CASES)('$file', async ({ file, args }) => {
    const result = await runCli(args);
    // The demo names its own folder by absolute path; a clone elsewhere must read the same.
    const actual = `exit ${result.code}\n${result.stdout}`.split(process.cwd()).join('<checkout>');
    const path = join(EXPECTED_DIR, file);
    if (update) writeFileSync(path, actual);
    expect(actual).toBe(readFileSync(path, 'utf8'));
  });

  test('every file under fixtures/expected belongs to a case', () => {
    const known = new Set(CASES.map((c) => c.file));
    expect(readdirSync(EXPECTED_DIR).filter((name) => !known.has(name))).toEqual([]);
  });
});
