// SAM templates: the roles the transform generates, with their policies, are judged.
import { findingsOf, scanReport } from '../../builders/template.js';

const DIR = 'fixtures/templates/cases/sam';
const role = (name: string) => `arn:aws:iam::000000000000:role/${name}`;

describe('SAM templates (Transform: AWS::Serverless-2016-10-31)', () => {
  test.each<[string, string[]]>([
    [
      'fail-function-administrator-access.yaml',
      // role-compute-admin reports the compute role's admin grant; principal-full-admin gives way to it.
      [`role-compute-admin ${role('HandlerRole')}`],
    ],
    [
      'fail-function-inline-statement.yaml',
      [`policy-full-admin ${role('HandlerRole')}`, `role-compute-admin ${role('HandlerRole')}`],
    ],
    ['pass-function-policy-templates.yaml', []],
    ['fail-function-broad-policy-template.yaml', [`policy-data-exfiltration ${role('HandlerRole')}`]],
    ['pass-function-with-role.yaml', []],
    [
      'fail-state-machine-administrator-access.yaml',
      [
        // Step Functions runs a caller's workflow with the role: a compute role with full admin.
        `role-compute-admin ${role('WorkflowRole')}`,
        // SAM's generated trust has no aws:SourceArn condition.
        `role-trust-service-confused-deputy ${role('WorkflowRole')}`,
      ],
    ],
  ])('%s', (file, expected) => {
    const run = scanReport([`${DIR}/${file}`]);
    expect(findingsOf(run)).toEqual(expected);
    expect(run.failures).toEqual([]);
  });

  test('the generated role trusts lambda.amazonaws.com and has the basic execution policy', () => {
    const run = scanReport([`${DIR}/fail-function-administrator-access.yaml`]);
    const admin = run.report.findings.find((finding) => finding.ruleId === 'role-compute-admin')!;
    expect(admin.message).toContain('lambda.amazonaws.com');
    expect(admin.location).toEqual({
      file: `${DIR}/fail-function-administrator-access.yaml`,
      line: 4,
      column: 3,
    });
  });

  test('an unknown policy template is not analysed, and says so', () => {
    const run = scanReport([`${DIR}/fail-unknown-policy-template.yaml`]);
    expect(run.failures).toEqual([
      {
        file: `${DIR}/fail-unknown-policy-template.yaml`,
        message:
          'not analysed: policy template SomeFuturePolicy of Handler is not one iamspect knows; the permissions it grants are not judged',
        line: 11,
        column: 11,
      },
    ]);
  });
});
