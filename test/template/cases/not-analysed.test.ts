// What iamspect cannot analyse in a template is said on stderr and in the report (the run is then
// incomplete, exit 3), never skipped silently.
import { runCli } from '../../cli-harness.js';
import { scanReport } from '../../builders/template.js';

const DIR = 'fixtures/templates/cases/not-analysed';
const CLEAN = 'fixtures/templates/seed/ec2-sample.yaml';

describe('parts of templates that are not analysed', () => {
  test.each<[string, RegExp]>([
    [
      'fail-stray-character-in-type.yaml',
      /fail-stray-character-in-type\.yaml:2:3: not analysed: resource Admin has type "AWS::IAM::User\\u0000", which is not a valid resource type/,
    ],
    [
      'fail-unknown-transform.yaml',
      /fail-unknown-transform\.yaml:2:1: not analysed: Transform CompanyMacro is a macro iamspect cannot run; what it adds or changes is not judged/,
    ],
    [
      'fail-nested-stack.yaml',
      /fail-nested-stack\.yaml:3:3: not analysed: nested stack Iam \(AWS::CloudFormation::Stack\) is another template; scan that template too/,
    ],
    [
      'fail-utf16.yaml',
      /fail-utf16\.yaml: not analysed: the file is UTF-16; CloudFormation reads UTF-8 templates/,
    ],
  ])('%s: in the report and on stderr, exit 3', async (file, said) => {
    // With a clean template beside it: a UTF-16 file alone leaves nothing to scan (exit 2).
    const run = await runCli(['template', CLEAN, `${DIR}/${file}`, '--format', 'json']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(said);
    const reasons = JSON.parse(run.stdout).files.map((file: { reason?: string }) => file.reason);
    expect(reasons).toContainEqual(expect.stringMatching(said));
  });

  test('the rest of a partly analysed template is still judged', () => {
    const run = scanReport([`${DIR}/fail-nested-stack.yaml`]);
    expect(run.templates).toBe(1);
    expect(run.failures).toHaveLength(1);
  });

  test('AWS::LanguageExtensions is not an unknown transform', () => {
    const run = scanReport([`${DIR}/pass-language-extensions.yaml`]);
    expect(run.failures).toEqual([]);
    expect(run.report.findings).toEqual([]);
  });
});

test('a UTF-16 file alone: nothing could be scanned (exit 2), and the message says why', async () => {
  const run = await runCli(['template', `${DIR}/fail-utf16.yaml`]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('fail-utf16.yaml: not analysed: the file is UTF-16');
});
