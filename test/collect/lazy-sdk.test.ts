// The AWS SDK is loaded only when a live collection starts. Loading its eight clients cost most of
// the CLI's start-up (issue 11), and none of --version, --help, rules, permissions, template, diff
// or an offline audit sends a request. Every @aws-sdk package is replaced by a module whose loading
// throws, so any code path that imports one (statically or not) fails here.
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SDK_PACKAGES = [
  '@aws-sdk/client-accessanalyzer',
  '@aws-sdk/client-account',
  '@aws-sdk/client-cloudwatch',
  '@aws-sdk/client-config-service',
  '@aws-sdk/client-ec2',
  '@aws-sdk/client-iam',
  '@aws-sdk/client-organizations',
  '@aws-sdk/client-sts',
  '@aws-sdk/credential-providers',
];

const loaded: string[] = [];
for (const name of SDK_PACKAGES) {
  jest.unstable_mockModule(name, () => {
    loaded.push(name);
    throw new Error(`${name} was loaded`);
  });
}

const { main } = await import('../../src/cli.js');
const { captureOutput } = await import('../builders/output.js');

async function run(args: string[]): Promise<number> {
  const output = captureOutput();
  try {
    return await main(args);
  } finally {
    output.restore();
  }
}

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'iamspect-lazy-sdk-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

test.each([
  [['--version']],
  [['--help']],
  [['audit', '--help']],
  [['rules']],
  [['permissions']],
  [['template', 'fixtures/templates/seed']],
  [['audit', '--demo', '-o', 'json=REPORT']],
  [['audit', '--aws-cli-dir', 'fixtures/aws-cli/paged-api-pages']],
  [['diff', 'REPORT', 'REPORT']],
])('iamspect %j loads no @aws-sdk module', async (args) => {
  const report = join(directory, 'report.json');
  const code = await run(args.map((arg) => arg.replace('REPORT', report)));
  expect(loaded).toEqual([]);
  // It ran: a usage error (2) would prove nothing.
  expect(code).not.toBe(2);
});

test('a live collection does load the SDK (so the tests above can fail)', async () => {
  await expect(import('../../src/collect/index.js')).rejects.toThrow(/@aws-sdk\/.* was loaded/);
  expect(loaded.length).toBeGreaterThan(0);
});
