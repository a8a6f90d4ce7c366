// A question (`can`, `paths`, `who-can`) validates only the snapshot sections it reads (issue 12:
// validating a full-size snapshot's every section was a quarter of `can`'s time). A section it does
// not read cannot change its answer, so a damaged one must not stop it; a damaged section it reads
// fails exactly as `audit` fails on it, naming the file and the field.
import { afterAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QUESTION_SECTIONS } from '../../src/commands/graph-output.js';
import { loadDemoSnapshot } from '../../src/snapshot/demo.js';
import { ROOT, staticallyLoaded } from '../builders/imports.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';
import { runCli } from '../cli-harness.js';

afterAll(removeTempDirs);

/** The demo snapshot as a file, with `damage` applied to its sections first. */
function demoFile(damage: (sections: Record<string, unknown>) => void = () => {}): string {
  const snapshot = JSON.parse(JSON.stringify(loadDemoSnapshot())) as { sections: Record<string, unknown> };
  damage(snapshot.sections);
  return join(tempDirWith({ 'snapshot.json': JSON.stringify(snapshot) }), 'snapshot.json');
}

const QUESTIONS = [
  ['can', 'user/ci-deploy', 'iam:PassRole', '--format', 'json'],
  ['who-can', 'iam:PassRole', '--format', 'json'],
  ['paths', 'user/ci-deploy', '--format', 'json'],
];

const intact = demoFile();
const unreadDamaged = demoFile((sections) => {
  sections.credentialReport = { status: 'ok', data: 'not a credential report' };
  sections.passwordPolicy = { status: 'fine' };
});

describe.each(QUESTIONS)('iamspect %s', (...question) => {
  test('answers as before when a section it does not read is damaged', async () => {
    const expected = await runCli([...question, '--snapshot', intact]);
    expect(expected.code).toBe(0);
    expect(await runCli([...question, '--snapshot', unreadDamaged])).toEqual(expected);
  });

  test.each([
    [
      'authorizationDetails',
      (sections: Record<string, unknown>) => {
        const details = (sections.authorizationDetails as { data: { users: Array<Record<string, unknown>> } })
          .data;
        details.users[0]!.arn = 42;
      },
    ],
    [
      'organization',
      (sections: Record<string, unknown>) => (sections.organization = { status: 'ok', data: 7 }),
    ],
  ])('fails as audit does when %s, which it reads, is damaged', async (_section, damage) => {
    const file = demoFile(damage);
    const audit = await runCli(['audit', '--snapshot', file]);
    expect(audit).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`${file}: invalid snapshot: sections.`),
    });
    expect(await runCli([...question, '--snapshot', file])).toEqual({
      code: 2,
      stdout: '',
      stderr: audit.stderr,
    });
  });
});

test('audit still refuses a snapshot with a damaged section', async () => {
  expect(await runCli(['audit', '--snapshot', unreadDamaged])).toMatchObject({
    code: 2,
    stderr: expect.stringContaining(`${unreadDamaged}: invalid snapshot: sections.`),
  });
});

/** `sectionData(snapshot, 'name')`, `optionalSectionData(...)` and `snapshot.sections.name`. */
const SECTION_READ = /(?:ectionData\(\s*[\w.]+,\s*'(\w+)'|\.sections\.(\w+))/g;

test('the questions read no section but those they validate', () => {
  const read = new Set<string>();
  for (const command of ['can', 'paths', 'who-can']) {
    for (const file of staticallyLoaded(`src/commands/${command}.ts`)) {
      if (!/^src\/(policy|graph|commands)\//.test(file)) continue;
      for (const [, called, property] of readFileSync(join(ROOT, file), 'utf8').matchAll(SECTION_READ))
        read.add((called ?? property)!);
    }
  }
  expect(read.size).toBeGreaterThan(0);
  expect([...read].filter((name) => !QUESTION_SECTIONS.includes(name as never))).toEqual([]);
});
