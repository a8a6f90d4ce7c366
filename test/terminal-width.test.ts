// Every command's output and help fit an 80-column terminal, and wrap only where a reader expects a
// break: at spaces, or after the separators of a path, ARN or hyphenated word. Checked by comparing
// each command at COLUMNS=80 with the same command where nothing needs wrapping: at 300 columns,
// and at 140 for `rules`, which puts its table in a narrow layout below the wide one's width.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram } from '../src/cli.js';
import { packageRoot } from '../src/util/package-root.js';
import { useTempDir } from './builders/temp-dir.js';
import { runCli } from './cli-harness.js';

const NARROW = 80;
const UNWRAPPED = [300, 140];
const dir = useTempDir('iamspect-width-');

/** The commands, with files made in the test's temporary directory when they need any. */
async function commands(): Promise<string[][]> {
  const older = join(dir(), 'older.json');
  const newer = join(dir(), 'newer.json');
  await runCli([
    'audit',
    '--demo',
    '--exclude-rules',
    'root-access-keys,user-admin-without-mfa',
    '-o',
    `json=${older}`,
  ]);
  await runCli(['audit', '--demo', '-o', `json=${newer}`]);
  // A suppression note with a long reason, shown in the table's finding column.
  const config = join(dir(), 'suppress.yml');
  writeFileSync(
    config,
    [
      'suppressions:',
      '  - rule: user-direct-policies',
      '    resource: arn:aws:iam::493812605177:user/admin',
      '    reason: Break-glass user for the quarterly restore drill, reviewed by the platform security team',
      '',
    ].join('\n'),
  );
  const program = await buildProgram();
  return [
    ['--help'],
    ...program.commands.map((command) => [command.name(), '--help']),
    ['rules'],
    ['rules', '--explain', 'user-unused-access-key'],
    ['rules', '--explain', 'user-unused-acess-key'],
    ['audit', '--demo'],
    ['audit', '--demo', '--show-suppressed', '--config', config],
    ['template', join(packageRoot(), 'fixtures/templates/seed')],
    ['permissions'],
    ['diff', older, newer],
    ['audit', '--snapshot', join(dir(), 'missing-snapshot.json')],
    ['audit', '--no-such-flag'],
  ];
}

async function runAt(columns: number, args: string[]): Promise<string> {
  const previous = process.env.COLUMNS;
  process.env.COLUMNS = String(columns);
  try {
    const { stdout, stderr } = await runCli(args);
    // eslint-disable-next-line no-control-regex
    return `${stdout}${stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
  } finally {
    if (previous === undefined) delete process.env.COLUMNS;
    else process.env.COLUMNS = previous;
  }
}

/** Whitespace and the table's box-drawing characters separate words. */
function words(text: string): string[] {
  return text.split(/[\s\u2500-\u257f]+/).filter(Boolean);
}

/** Characters after which a line may break inside a word: path, ARN and list separators, hyphens. */
const BREAK_AFTER = /[/:\-.,;_]/;

/**
 * Every part of `word` that starts and ends where a wrap may cut it, the whole word included: after
 * a separator, or between the words of a CamelCase name (`OrganizationAccount` `AccessRole`).
 */
function wrapPieces(word: string): string[] {
  const cuts = [0, word.length];
  for (let i = 1; i < word.length; i++) {
    if (BREAK_AFTER.test(word[i - 1]!) || /[a-z][A-Z]/.test(word.slice(i - 1, i + 1))) cuts.push(i);
  }
  const pieces: string[] = [];
  for (const start of cuts) for (const end of cuts) if (start < end) pieces.push(word.slice(start, end));
  return pieces;
}

test(`every command's output and help fit ${NARROW} columns and break no word`, async () => {
  const problems: string[] = [];
  for (const args of await commands()) {
    const narrow = await runAt(NARROW, args);
    const allowed = new Set<string>();
    for (const width of UNWRAPPED)
      for (const word of words(await runAt(width, args)))
        wrapPieces(word).forEach((piece) => allowed.add(piece));
    const command = `iamspect ${args.join(' ')}`;
    for (const line of narrow.split('\n')) {
      if (line.length > NARROW) problems.push(`${command}: ${line.length} columns: ${line}`);
    }
    for (const word of words(narrow)) {
      if (!allowed.has(word)) problems.push(`${command}: "${word}" is part of a word broken mid-way`);
    }
  }
  expect(problems).toEqual([]);
});

test('on a terminal too narrow for option descriptions beside the options, they go below and fit', async () => {
  const help = await runAt(50, ['audit', '--help']);
  const options = help.slice(
    help.indexOf('\nOptions:\n'),
    help.indexOf('\n\n', help.indexOf('\nOptions:\n') + 1),
  );
  expect(options).toContain('\n  --snapshot <file>\n      audit a snapshot file');
  for (const line of options.split('\n')) expect(line.length).toBeLessThanOrEqual(50);
});
