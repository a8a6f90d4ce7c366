// Whatever the files of an AWS CLI directory hold, the reader gives a schema-valid snapshot or an
// InputError naming the file: never a crash.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { InputError } from '../../src/errors.js';
import { readAwsCliDir } from '../../src/snapshot/aws-cli.js';
import { snapshotSchema } from '../../src/snapshot/schema.js';
import { packageRoot } from '../../src/util/package-root.js';
import type { Json } from './mutate-json.js';
import { mutatedJson } from './mutate-json.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';

const demoDir = join(packageRoot(), 'fixtures', 'demo');
const JSON_FILES = [
  'get-credential-report.json',
  'get-account-summary.json',
  'get-account-password-policy.json',
  'get-account-authorization-details.json',
  'list-virtual-mfa-devices.json',
  'list-server-certificates.json',
] as const;
const demoFiles = Object.fromEntries(
  JSON_FILES.map((name) => [name, readFileSync(join(demoDir, name), 'utf8')]),
);

function expectSnapshotOrInputError(files: Record<string, string>): void {
  try {
    const snapshot = readAwsCliDir(tempDirWith(files));
    expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
  } finally {
    removeTempDirs();
  }
}

describe('readAwsCliDir on random input', () => {
  it('survives any text in any one file of an otherwise valid directory', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...JSON_FILES, 'credential-report.csv'),
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((value) => JSON.stringify([value])),
        ),
        (name, content) => {
          const files: Record<string, string> = { ...demoFiles, [name]: content };
          if (name === 'credential-report.csv') delete files['get-credential-report.json'];
          expectSnapshotOrInputError(files);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('survives random edits of real CLI outputs', () => {
    const mutatedFile = fc.constantFrom(...JSON_FILES).chain((name) =>
      mutatedJson(JSON.parse(demoFiles[name]!) as Json).map((mutated) => ({
        name,
        content: JSON.stringify(mutated) ?? '',
      })),
    );
    fc.assert(
      fc.property(mutatedFile, ({ name, content }) =>
        expectSnapshotOrInputError({ ...demoFiles, [name]: content }),
      ),
      { numRuns: 300 },
    );
  });

  it('survives any subset of the files', () => {
    fc.assert(
      fc.property(fc.subarray([...JSON_FILES]), (names) =>
        expectSnapshotOrInputError(Object.fromEntries(names.map((name) => [name, demoFiles[name]!]))),
      ),
      { numRuns: 50 },
    );
  });
});
