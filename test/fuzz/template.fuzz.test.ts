// `iamspect template` on a mutated CloudFormation template, JSON (structural mutations) and the
// YAML seed templates (cut at any byte): no internal error, and a broken template never passes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { packageRoot } from '../../src/util/package-root.js';
import { runCli } from '../cli-harness.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';
import type { Json } from '../snapshot/mutate-json.js';
import { jsonMutation, mutation } from './mutators.js';
import type { Baseline } from './oracle.js';
import { FuzzSuite, baselineOf, expectNoSilentPass } from './oracle.js';

const root = packageRoot();
const jsonText = readFileSync(join(root, 'test', 'fuzz', 'inputs', 'stack.json'), 'utf8');
const seeds = ['ec2-sample.yaml', 'iam-admin-user.yaml'].map((name) =>
  readFileSync(join(root, 'fixtures', 'templates', 'seed', name), 'utf8'),
);
const dir = tempDirWith({});

const jsonTemplate = jsonMutation({
  text: jsonText,
  document: JSON.parse(jsonText) as Json,
  required: [['Resources']],
  policyKeys: ['PolicyDocument', 'AssumeRolePolicyDocument'],
})
  // A template is the source of what is deployed: a property whose list became null is a property
  // not set, and one of the wrong type a stack CloudFormation refuses to create. Neither hides
  // anything deployed, so a garbled list is an edit here.
  .map((mutated) =>
    mutated.effect === 'garbles'
      ? mutation(mutated.kind, 'edits', mutated.text, mutated.what.slice(`${mutated.kind} (garbles) `.length))
      : mutated,
  )
  .map((mutated) => ({ file: join(dir, 'stack.json'), mutated }));

// A YAML template cut at a line end is a shorter valid template, which is what would be deployed.
const yamlTemplate = fc
  .constantFrom(...seeds)
  .chain((text) => fc.integer({ min: 0, max: text.length - 1 }).map((cut) => ({ text, cut })))
  .map(({ text, cut }) => ({
    file: join(dir, 'stack.yaml'),
    mutated: mutation(
      'truncate',
      'edits',
      text.slice(0, cut),
      `YAML seed cut at byte ${cut} of ${text.length}`,
    ),
  }));

const args = (file: string) => ['template', file, '--fail-on', 'none', '--format', 'csv'];
const suite = new FuzzSuite('template');
const baselines = new Map<string, Baseline>();

afterAll(() => {
  suite.writeFigures();
  removeTempDirs();
});

describe('template with a mutated template', () => {
  it('passes on the unmutated templates with --fail-on none, and fails by default', async () => {
    for (const [name, text] of [
      ['stack.json', jsonText],
      ['stack.yaml', seeds[1]!],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, text);
      baselines.set(file, await baselineOf(args(file)));
      expect((await runCli(args(file).slice(0, 2))).code).toBe(1);
    }
  });

  it('never ends in an internal error, and never passes a broken template', async () => {
    await suite.check(
      { name: 'CloudFormation template', seed: 5050, numRuns: 800, timeLimitMs: 5_000 },
      fc.oneof({ arbitrary: jsonTemplate, weight: 3 }, { arbitrary: yamlTemplate, weight: 1 }),
      async ({ file, mutated }, figures) => {
        writeFileSync(file, mutated.text);
        await expectNoSilentPass(baselines.get(file)!, mutated, figures);
      },
    );
  }, 60_000);
});
