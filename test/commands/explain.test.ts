// `iamspect explain --rule ID` for a plugin's rule (examples/acme-rules), the way the built-in rules
// are explained: alone, the rule's documentation; with --resource, the finding the rule makes there.
// An id no loaded rule has is exit 2 naming the id and the command that lists the ids.
import { afterAll, describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { packageRoot } from '../../src/util/package-root.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';
import { runCli, runCliIn } from '../cli-harness.js';

afterAll(removeTempDirs);

const PLUGIN = join(packageRoot(), 'examples', 'acme-rules', 'index.js');
const RULE = 'acme/iam-user-path';
const DOCS_URL =
  'https://github.com/iamspect/iamspect/blob/main/examples/acme-rules/README.md#acmeiam-user-path';
const ADMIN = 'arn:aws:iam::493812605177:user/admin';

/** The text with its line breaks and indentation folded, so a wrapped sentence still matches. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

describe('explain --rule with a plugin rule', () => {
  test("alone: the rule's title, severity, what it reads, why, fix and docs url", async () => {
    const { code, stdout } = await runCli(['explain', '--rule', RULE, '--plugin', PLUGIN]);
    expect(code).toBe(0);
    const text = flat(stdout);
    expect(text).toContain(`${RULE}: IAM users live under /humans/ or /machines/`);
    expect(text).toContain('Severity: medium');
    expect(text).toContain('Reads: authorizationDetails');
    expect(text).toContain('is reviewed by nobody and matched by no guard rail');
    expect(text).toContain('aws iam update-user');
    expect(text).toContain(`Documentation: ${DOCS_URL}`);
  });

  test('with --resource: the finding the rule makes on it', async () => {
    const { code, stdout, stderr } = await runCli([
      'explain',
      '--rule',
      RULE,
      '--resource',
      ADMIN,
      '--demo',
      '--plugin',
      PLUGIN,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`${RULE} on ${ADMIN}`);
    expect(stdout).toContain('admin is under / (allowed: /humans/, /machines/).');
    // The plugin's evidence `path` is an IAM path, not an access-graph path to print hop by hop.
    expect(stdout).toContain('Evidence: {"path":"/"}');
  });

  test('alone with --format json: exit 2 pointing at the JSON catalogue, not text passed off as JSON', async () => {
    const { code, stdout, stderr } = await runCli([
      'explain',
      '--rule',
      RULE,
      '--plugin',
      PLUGIN,
      '--format',
      'json',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('iamspect rules --format json');
  });

  test("a plugin named by the config file's plugins: is loaded too", async () => {
    const dir = tempDirWith({ '.iamspect.yml': `plugins: [${JSON.stringify(PLUGIN)}]` });
    const { code, stdout } = await runCliIn(dir, ['explain', '--rule', RULE]);
    expect(code).toBe(0);
    expect(stdout).toContain('Severity: medium');
  });
});

describe('an unknown rule id is exit 2 with one line naming it and how to list the ids', () => {
  test.each([
    ['without plugins', ['explain', '--rule', 'acme/nope'], 'Run `iamspect rules` to list the rule ids.'],
    [
      'with --plugin',
      ['explain', '--rule', 'acme/nope', '--resource', ADMIN, '--demo', '--plugin', PLUGIN],
      'Run `iamspect rules --plugin FILE` with the same plugins to list the rule ids.',
    ],
  ])('%s', async (_name, args, hint) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`iamspect: error: unknown rule id "acme/nope"\n  ${hint}\n`);
  });
});
