// `audit --snapshot` on the demo account's snapshot with one mutation: whatever the file holds, the
// run ends with an exit code of 0-3 and no internal error, and a broken snapshot never passes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDemoSnapshot } from '../../src/snapshot/demo.js';
import { serializeSnapshot } from '../../src/snapshot/read-snapshot.js';
import { runCli } from '../cli-harness.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';
import type { Json, JsonPath } from '../snapshot/mutate-json.js';
import { jsonMutation, topLevelKeysBut } from './mutators.js';
import type { Baseline } from './oracle.js';
import { FuzzSuite, baselineOf, expectNoSilentPass } from './oracle.js';

const text = serializeSnapshot(loadDemoSnapshot());
const document = JSON.parse(text) as { sections: Record<string, { status: string }> } & Json;
const file = join(tempDirWith({}), 'snapshot.json');

/**
 * A snapshot's identity and its sections; of each collected section, its status and data. A section
 * that is gone, or ok without data, is data that went missing.
 */
const required: JsonPath[] = [
  ...topLevelKeysBut(document, ['accountAlias', 'callerArn']),
  ...Object.entries(document.sections)
    .filter(([, section]) => section.status === 'ok')
    .flatMap(([name]) => [
      ['sections', name],
      ['sections', name, 'status'],
      ['sections', name, 'data'],
    ]),
];

const args = ['audit', '--snapshot', file, '--fail-on', 'none', '--format', 'csv'];
const suite = new FuzzSuite('snapshot');
let baseline: Baseline;

afterAll(() => {
  suite.writeFigures();
  removeTempDirs();
});

describe('audit --snapshot with a mutated snapshot', () => {
  it('passes on the unmutated snapshot with --fail-on none, and fails by default', async () => {
    writeFileSync(file, text);
    baseline = await baselineOf(args);
    expect((await runCli(args.slice(0, 3))).code).toBe(1);
  });

  it('never ends in an internal error, and never passes a broken snapshot', async () => {
    await suite.check(
      { name: 'snapshot file', seed: 2020, numRuns: 600, timeLimitMs: 7_000 },
      jsonMutation({ text, document, required, policyKeys: ['document', 'trustPolicy'] }),
      async (mutation, figures) => {
        writeFileSync(file, mutation.text);
        await expectNoSilentPass(baseline, mutation, figures);
      },
    );
  }, 60_000);
});
