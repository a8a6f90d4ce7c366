// Terraform plans and states (`terraform show -json`) are judged with the same rules; findings point
// at the `resource` block in the .tf files when they are found, else at the resource in the JSON.
import { runCli } from '../../cli-harness.js';
import type { TemplateRun } from '../../../src/commands/template.js';
import { scanTemplates } from '../../../src/template/scan.js';
import { detailsOf, findingsOf, scanReport } from '../../builders/template.js';

const DIR = 'fixtures/templates/cases/terraform';
const PLAN = `${DIR}/plan/tfplan.json`;
const STATE = `${DIR}/state/terraform.tfstate.json`;
const SECRET_OUTPUT = `${DIR}/secret-output/tfplan.json`;
const MORE_TYPES = `${DIR}/more-types/tfplan.json`;
const arn = (path: string) => `arn:aws:iam::000000000000:${path}`;

describe('Terraform plans and states', () => {
  test('a plan: modules, count and for_each addresses, references to values unknown until apply', () => {
    expect(findingsOf(scanReport([PLAN]))).toEqual([
      `policy-credentials-exposure ${arn('role/app-role')}`,
      `policy-full-admin ${arn('policy/admin')}`,
      `policy-passrole-wildcard ${arn('role/app-role')}`,
      `policy-resource-exposure ${arn('role/app-role')}`,
      `policy-service-wildcard ${arn('role/app-role')}`,
      // Attached through aws_iam_role_policy_attachment whose policy_arn is only known after apply.
      `principal-full-admin ${arn('role/deploy')}`,
      `principal-privilege-escalation ${arn('role/app-role')}`,
      `role-compute-admin ${arn('role/app-role')}`,
      `role-trust-cross-account ${arn('role/deploy')}`,
    ]);
  });

  test('findings point at the resource block of the .tf file, in modules too', () => {
    const located = Object.fromEntries(
      scanReport([PLAN]).report.findings.map((finding) => [
        `${finding.ruleId} ${finding.resource}`,
        finding.location,
      ]),
    );
    expect(located[`policy-full-admin ${arn('policy/admin')}`]).toEqual({
      file: `${DIR}/plan/main.tf`,
      line: 10,
      column: 1,
    });
    expect(located[`policy-service-wildcard ${arn('role/app-role')}`]).toEqual({
      file: `${DIR}/plan/modules/app/main.tf`,
      line: 8,
      column: 1,
    });
  });

  test('without the .tf files (--tf-dir elsewhere), the location is the resource in the plan', () => {
    const run = scanReport([PLAN], { tfDir: DIR });
    const admin = run.report.findings.find((finding) => finding.ruleId === 'policy-full-admin')!;
    expect(admin.location).toEqual({ file: PLAN, line: 7, column: 9 });
  });

  test('a state: ARNs of the real account link attachments; a generated password is no literal', () => {
    expect(findingsOf(scanReport([STATE]))).toEqual([
      `policy-full-admin ${arn('policy/everything')}`,
      `principal-full-admin ${arn('group/ops')}`,
      `principal-full-admin ${arn('user/operator')}`,
      `template-password-reset-not-required ${arn('user/operator')}`,
      `template-user-managed-admin ${arn('user/operator')}`,
    ]);
  });

  test('iamspect template reads the plan from the command line, with SARIF at the .tf line', async () => {
    const run = await runCli(['template', PLAN, '--format', 'sarif']);
    expect(run.code).toBe(1);
    const locations = JSON.parse(run.stdout).runs[0].results.map(
      (result: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
        result.locations[0]!.physicalLocation.artifactLocation.uri,
    );
    expect(new Set(locations)).toEqual(new Set([`${DIR}/plan/main.tf`, `${DIR}/plan/modules/app/main.tf`]));
  });

  test('a root module output reading an access key secret is reported as a CloudFormation output is', () => {
    // The CloudFormation equivalent of the plan's `output "ci_secret" { value = aws_iam_access_key.ci.secret }`.
    const cloudFormation = [
      'Resources:',
      '  User: {Type: AWS::IAM::User, Properties: {UserName: ci}}',
      '  Key: {Type: AWS::IAM::AccessKey, Properties: {UserName: !Ref User}}',
      'Outputs:',
      '  ci_secret: {Value: !GetAtt Key.SecretAccessKey}',
    ].join('\n');
    const secretOutputs = (run: TemplateRun) =>
      run.report.findings.filter((finding) => finding.ruleId === 'template-access-key-secret-output');
    const expected = secretOutputs(scanReport(['-'], { readStdin: () => cloudFormation })).map(
      ({ ruleId, resource, severity }) => ({ ruleId, resource, severity }),
    );
    expect(expected).toHaveLength(1);
    const plan = secretOutputs(scanReport([SECRET_OUTPUT]));
    // The plain reference and the one to an instance of `count`; the key id output is no secret.
    expect(plan.map(({ ruleId, resource, severity }) => ({ ruleId, resource, severity }))).toEqual([
      ...expected,
      ...expected,
    ]);
    expect(plan.map((finding) => finding.message)).toEqual([
      'Output ci_secret contains the SecretAccessKey of access key aws_iam_access_key.ci of user ci.',
      'Output rotated_secret contains the SecretAccessKey of access key aws_iam_access_key.rotated[1] of user ci.',
    ]);
    // Located at the output in the plan's configuration (the .tf files are searched for resource blocks only).
    expect(plan.map((finding) => finding.location?.file)).toEqual([SECRET_OUTPUT, SECRET_OUTPUT]);
  });

  test('inline user and group policies, user, legacy and exclusive attachments, instance profiles', () => {
    expect(findingsOf(scanReport([MORE_TYPES]))).toEqual([
      `group-empty ${arn('group/inline-group')}`,
      // aws_iam_group_policy and aws_iam_user_policy: inline policies allowing everything.
      `policy-full-admin ${arn('group/inline-group')}`,
      `policy-full-admin ${arn('policy/everything')}`,
      `policy-full-admin ${arn('user/inline-user')}`,
      `principal-full-admin ${arn('group/inline-group')}`,
      // aws_iam_role_policy_attachments_exclusive: AdministratorAccess.
      `principal-full-admin ${arn('role/exclusive-role')}`,
      // aws_iam_policy_attachment: one policy (ARN unknown until apply) to a user and a role.
      `principal-full-admin ${arn('role/legacy-role')}`,
      // aws_iam_user_policy_attachment: AdministratorAccess.
      `principal-full-admin ${arn('user/attached-user')}`,
      `principal-full-admin ${arn('user/inline-user')}`,
      `principal-full-admin ${arn('user/legacy-user')}`,
      `template-user-managed-admin ${arn('user/attached-user')}`,
      `template-user-managed-admin ${arn('user/legacy-user')}`,
      `user-direct-policies ${arn('user/attached-user')}`,
      `user-direct-policies ${arn('user/inline-user')}`,
      `user-direct-policies ${arn('user/legacy-user')}`,
      `user-not-in-group ${arn('user/attached-user')}`,
      `user-not-in-group ${arn('user/inline-user')}`,
      `user-not-in-group ${arn('user/legacy-user')}`,
    ]);
    const [scanned] = [...scanTemplates([MORE_TYPES])];
    const roles = scanned?.kind === 'template' ? detailsOf(scanned.snapshot).roles : [];
    // aws_iam_instance_profile: the instance profile of its role.
    expect(roles.find((role) => role.name === 'ec2-role')?.instanceProfileArns).toEqual([
      arn('instance-profile/ec2-profile'),
    ]);
  });
});
