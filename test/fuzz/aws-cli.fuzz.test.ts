// `audit --aws-cli-dir` on the demo account's complete set of AWS CLI outputs with one file
// mutated at a time: whatever the file holds, the run ends with an exit code of 0-3 and no internal
// error, and a file whose structure is broken never lets the audit pass.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { runCli } from '../cli-harness.js';
import { tempDirWith, removeTempDirs } from '../builders/temp-dir.js';
import type { Json, JsonPath } from '../snapshot/mutate-json.js';
import { SECTIONS } from '../../src/sections/index.js';
import { copyDemoOutputs } from './demo-outputs.js';
import type { Mutation } from './mutators.js';
import { jsonMutation, mutation, topLevelKeysBut } from './mutators.js';
import type { Baseline } from './oracle.js';
import { FuzzSuite, baselineOf, expectNoSilentPass } from './oracle.js';

const dir = copyDemoOutputs(tempDirWith({}));
const files = readdirSync(dir).sort();
const original = new Map(files.map((name) => [name, readFileSync(join(dir, name), 'utf8')]));

/** Keys the APIs document as present only sometimes. */
const OPTIONAL_KEYS = [
  'CompositeAlarms',
  'ReportFormat',
  'GeneratedTime',
  // GetTrailStatus: delivery and logging times appear only once the event happened.
  'LatestDeliveryTime',
  'StartLoggingTime',
  'LatestCloudWatchLogsDeliveryTime',
  'LatestDeliveryAttemptTime',
  'LatestNotificationAttemptTime',
  'LatestNotificationAttemptSucceeded',
  'LatestDeliveryAttemptSucceeded',
  'TimeLoggingStarted',
  'TimeLoggingStopped',
];

/** Besides the top-level keys: every managed policy's versions, and every version's document. */
function requiredPaths(name: string, document: Json): JsonPath[] {
  const paths = topLevelKeysBut(document, OPTIONAL_KEYS);
  if (name !== 'get-account-authorization-details.json') return paths;
  const policies = (document as { Policies: Array<{ PolicyVersionList: unknown[] }> }).Policies;
  return [
    ...paths,
    ...policies.flatMap((policy, index) => [
      ['Policies', index, 'PolicyVersionList'],
      ...policy.PolicyVersionList.map((_, version) => [
        'Policies',
        index,
        'PolicyVersionList',
        version,
        'Document',
      ]),
    ]),
  ];
}

/** Files that list one answer per item the account has (get-distributions.json): `[]` says it has none. */
const PER_ITEM_FILES = new Set(
  SECTIONS.flatMap((section) =>
    section.awsCli.kind === 'file'
      ? section.awsCli.files.filter((file) => file.shape?.perItem).map((file) => file.name)
      : [],
  ),
);

/** Emptying a per-item list is what an account without such items saves: an edit, not a break. */
function perItemNone(name: string, edit: Mutation): Mutation {
  return PER_ITEM_FILES.has(name) && edit.text.trim() === '[]'
    ? mutation(edit.kind, 'edits', edit.text, 'the file is [] (no items)')
    : edit;
}

/** One file of the directory and a mutation of it. */
const mutatedFile: fc.Arbitrary<{ name: string; mutation: Mutation }> = fc.oneof(
  ...files.map((name) => {
    const text = original.get(name)!;
    const mutations =
      text.trim() === ''
        ? // The CLI's "none" (no security contact): only whole replacements apply.
          fc.oneof(
            fc
              .constantFrom('{}', '[]')
              .map((empty) => mutation('empty-container', 'breaks', empty, `the file is ${empty}`)),
            fc
              .json()
              .map((json) => mutation('replace-value', 'edits', json, `the file is ${json.slice(0, 40)}`)),
          )
        : jsonMutation({
            text,
            document: JSON.parse(text) as Json,
            required: requiredPaths(name, JSON.parse(text) as Json),
            policyKeys: ['Document', 'PolicyDocument', 'AssumeRolePolicyDocument'],
          });
    return mutations.map((edit) => ({ name, mutation: perItemNone(name, edit) }));
  }),
);

// --fail-on none: the unmutated directory passes, so any loss of data that is not reported as
// "not evaluated" (exit 3) or refused (exit 2) shows as a pass.
const args = ['audit', '--aws-cli-dir', dir, '--fail-on', 'none', '--format', 'csv'];
const suite = new FuzzSuite('aws-cli');
let baseline: Baseline;

afterAll(() => {
  suite.writeFigures();
  removeTempDirs();
});

describe('audit --aws-cli-dir with one mutated output', () => {
  it('passes on the unmutated outputs with --fail-on none, and fails by default', async () => {
    baseline = await baselineOf(args);
    expect((await runCli(args.slice(0, 3))).code).toBe(1);
  });

  it('never ends in an internal error, and never passes a broken file', async () => {
    await suite.check(
      { name: 'one AWS CLI output file of 26', seed: 1010, numRuns: 1500, timeLimitMs: 18_000 },
      mutatedFile,
      async ({ name, mutation }, figures) => {
        writeFileSync(join(dir, name), mutation.text);
        try {
          await expectNoSilentPass(baseline, { ...mutation, what: `${name}: ${mutation.what}` }, figures);
        } finally {
          writeFileSync(join(dir, name), original.get(name)!);
        }
      },
    );
  }, 120_000);
});
