import { templatePasswordResetNotRequired } from '../../../src/rules/template/template-password-reset-not-required.js';
import { runRule } from '../../builders/rules.js';
import { snapshotFromTemplate } from '../../builders/template.js';

function stack(reset: string): string {
  return `Parameters:
  Reset: {Type: String}
  ResetDefault: {Type: String, Default: "true"}
Resources:
  Admin:
    Type: AWS::IAM::User
    Properties:
      UserName: admin
      LoginProfile:
        Password: "{{resolve:secretsmanager:admin-pw}}"
${reset}`;
}

describe('template-password-reset-not-required', () => {
  test.each<{ name: string; reset: string; flagged: boolean }>([
    { name: 'PasswordResetRequired absent', reset: '', flagged: true },
    { name: 'PasswordResetRequired: false', reset: '        PasswordResetRequired: false\n', flagged: true },
    { name: 'PasswordResetRequired: true', reset: '        PasswordResetRequired: true\n', flagged: false },
    {
      name: 'PasswordResetRequired: "true"',
      reset: '        PasswordResetRequired: "true"\n',
      flagged: false,
    },
    {
      name: 'from a parameter whose Default is "true"',
      reset: '        PasswordResetRequired: !Ref ResetDefault\n',
      flagged: false,
    },
    {
      name: 'from a parameter given at deploy time: unknown, not flagged',
      reset: '        PasswordResetRequired: !Ref Reset\n',
      flagged: false,
    },
  ])('$name', ({ reset, flagged }) => {
    const findings = runRule(templatePasswordResetNotRequired, snapshotFromTemplate(stack(reset)));
    expect(findings).toEqual(
      flagged
        ? [
            {
              resource: 'arn:aws:iam::000000000000:user/admin',
              message:
                'Login profile of user admin does not require a new password at first sign-in (PasswordResetRequired is not true).',
              location: { file: 'stack.yaml', line: 9, column: 7 },
            },
          ]
        : [],
    );
  });
});
