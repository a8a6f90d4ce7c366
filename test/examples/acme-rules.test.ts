// The example plugin (examples/acme-rules), as issue 16 accepts it: its rule fires on the demo
// account, is suppressible from the config file, appears in SARIF, JSON and HTML with its docs, and
// its own tests (node:test with iamspect/testing) pass. `iamspect` resolves to the public API's
// sources here (jest.config.js); CI also runs the plugin's `npm test` against the build (.ci/run).
import { afterAll, describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../src/util/package-root.js';
import { captureNodeTests, runRecorded } from '../builders/node-test.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';
import { runCli, runCliIn } from '../cli-harness.js';

captureNodeTests();
afterAll(removeTempDirs);

const EXAMPLE = join(packageRoot(), 'examples', 'acme-rules');
const PLUGIN = join(EXAMPLE, 'index.js');
const RULE = 'acme/iam-user-path';
const DOCS_URL =
  'https://github.com/iamspect/iamspect/blob/main/examples/acme-rules/README.md#acmeiam-user-path';
const RATIONALE_EXCERPT = 'is reviewed by nobody and matched by no guard rail';
const DEMO_USER = 'arn:aws:iam::493812605177:user/';

function audit(format: string, extra: string[] = []) {
  return runCli(['audit', '--demo', '--plugin', PLUGIN, '--rules', RULE, '--format', format, ...extra]);
}

interface JsonReport {
  findings: Array<{ ruleId: string; resource: string; message: string; suppressed?: { reason: string } }>;
  rules: Array<{ id: string; title: string; docs: { rationale: string; url?: string } }>;
}

describe('examples/acme-rules on the demo account', () => {
  test('fires on every demo user outside /humans/ and /machines/, with its docs in JSON', async () => {
    const result = await audit('json', ['--fail-on', 'medium']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.findings.map(({ ruleId, resource, message }) => ({ ruleId, resource, message }))).toEqual(
      expect.arrayContaining([
        {
          ruleId: RULE,
          resource: `${DEMO_USER}automation/ci-deploy`,
          message: 'ci-deploy is under /automation/ (allowed: /humans/, /machines/).',
        },
        {
          ruleId: RULE,
          resource: `${DEMO_USER}admin`,
          message: 'admin is under / (allowed: /humans/, /machines/).',
        },
      ]),
    );
    expect(report.findings).toHaveLength(5);
    expect(report.rules).toEqual([
      expect.objectContaining({
        id: RULE,
        title: 'IAM users live under /humans/ or /machines/',
        docs: expect.objectContaining({
          rationale: expect.stringContaining(RATIONALE_EXCERPT),
          url: DOCS_URL,
        }),
      }),
    ]);
  });

  test('its options come from the config file', async () => {
    const dir = tempDirWith({
      '.iamspect.yml': [
        `plugins: [${JSON.stringify(PLUGIN)}]`,
        'rules:',
        `  ${RULE}: { options: { allowedPaths: [/, /automation/] } }`,
      ].join('\n'),
    });
    const result = await runCliIn(dir, ['audit', '--demo', '--rules', RULE, '--format', 'json']);
    expect((JSON.parse(result.stdout) as JsonReport).findings).toEqual([]);
  });

  test('a suppression in the config file accepts one finding, with its reason', async () => {
    const dir = tempDirWith({
      '.iamspect.yml': [
        `plugins: [${JSON.stringify(PLUGIN)}]`,
        'suppressions:',
        `  - { rule: ${RULE}, resource: "${DEMO_USER}automation/ci-deploy", reason: "moves to /machines/ in Q1" }`,
      ].join('\n'),
    });
    const result = await runCliIn(dir, ['audit', '--demo', '--rules', RULE, '--format', 'json']);
    const findings = (JSON.parse(result.stdout) as JsonReport).findings;
    expect(findings.filter((f) => f.suppressed).map((f) => [f.resource, f.suppressed!.reason])).toEqual([
      [`${DEMO_USER}automation/ci-deploy`, 'moves to /machines/ in Q1'],
    ]);
    expect(findings.filter((f) => !f.suppressed)).toHaveLength(4);
  });

  test('SARIF describes the rule with its own page and its docs as help', async () => {
    const log = JSON.parse((await audit('sarif')).stdout) as {
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; helpUri?: string; help?: { text: string } }> } };
        results: Array<{ ruleId: string }>;
      }>;
    };
    const run = log.runs[0]!;
    expect(run.tool.driver.rules).toEqual([
      expect.objectContaining({
        id: RULE,
        helpUri: DOCS_URL,
        help: expect.objectContaining({ text: expect.stringContaining('aws iam update-user') }),
      }),
    ]);
    expect(run.results.map((r) => r.ruleId)).toEqual(Array(5).fill(RULE));
  });

  test('the HTML report shows the rule and its docs', async () => {
    const html = (await audit('html')).stdout;
    expect(html).toContain(RULE);
    expect(html).toContain('IAM users live under /humans/ or /machines/');
    expect(html).toContain(RATIONALE_EXCERPT);
  });
});

test("the plugin's own tests pass with the test kit", async () => {
  await import(pathToFileURL(join(EXAMPLE, 'test', 'iam-user-path.test.js')).href);
  const results = await runRecorded();
  expect(Object.keys(results)).toHaveLength(7);
  expect(Object.entries(results).filter(([, outcome]) => outcome !== 'pass')).toEqual([]);
});
