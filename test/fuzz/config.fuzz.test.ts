// `audit -c .iamspect.yml` on the demo account's AWS CLI outputs with the config file mutated:
// no internal error, and a config that cannot be read whole never lets the audit pass.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { packageRoot } from '../../src/util/package-root.js';
import { runCli } from '../cli-harness.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';
import type { Json } from '../snapshot/mutate-json.js';
import { copyDemoOutputs } from './demo-outputs.js';
import { jsonMutation, mutation } from './mutators.js';
import type { Baseline } from './oracle.js';
import { FuzzSuite, baselineOf, expectNoSilentPass } from './oracle.js';

const yamlText = readFileSync(join(packageRoot(), 'test', 'fuzz', 'inputs', 'iamspect.yml'), 'utf8');
const document = parse(yamlText) as Json;
// The same settings as JSON, which is YAML too: a JSON text cut short is never a whole YAML document.
const jsonText = JSON.stringify(document, null, 2);
const dir = copyDemoOutputs(tempDirWith({}));
const config = join(tempDirWith({}), '.iamspect.yml');

const mutations = fc.oneof(
  jsonMutation({ text: jsonText, document, required: [] }),
  // YAML cut at a line end is a shorter valid config (fewer suppressions, default settings).
  fc
    .integer({ min: 0, max: yamlText.length - 1 })
    .map((cut) =>
      mutation('truncate', 'edits', yamlText.slice(0, cut), `YAML cut at byte ${cut} of ${yamlText.length}`),
    ),
);

// failOn is none in the config: the unmutated run passes and any loss shows as a pass.
const args = ['audit', '--aws-cli-dir', dir, '-c', config, '--format', 'csv'];
const suite = new FuzzSuite('config');
let baseline: Baseline;

afterAll(() => {
  suite.writeFigures();
  removeTempDirs();
});

describe('audit with a mutated config file', () => {
  it('passes with the unmutated config, and fails without it', async () => {
    writeFileSync(config, yamlText);
    baseline = await baselineOf(args);
    expect((await runCli(args.slice(0, 3))).code).toBe(1);
  });

  it('never ends in an internal error, and never passes with a broken config', async () => {
    await suite.check(
      { name: 'config file (.iamspect.yml)', seed: 4040, numRuns: 400, timeLimitMs: 5_000 },
      mutations,
      async (mutated, figures) => {
        writeFileSync(config, mutated.text);
        await expectNoSilentPass(baseline, mutated, figures);
      },
    );
  }, 60_000);
});
