import { templateLiteralPassword } from '../../../src/rules/template/template-literal-password.js';
import { runRule } from '../../builders/rules.js';
import { snapshotFromTemplate } from '../../builders/template.js';

const SECRET = 'hunter2-secret';

function stack(password: string): string {
  return `Parameters:
  Plain: {Type: String}
  Hidden: {Type: String, NoEcho: true}
  Defaulted: {Type: String, Default: ${SECRET}}
  HiddenDefaulted: {Type: String, NoEcho: true, Default: ${SECRET}}
Resources:
  Admin:
    Type: AWS::IAM::User
    Properties:
      UserName: admin
      LoginProfile:
        Password: ${password}
`;
}

describe('template-literal-password', () => {
  test.each<{ name: string; password: string; expected: Array<{ message: string; line: number }> }>([
    {
      name: 'a literal password: flagged at the Password line',
      password: `"${SECRET}"`,
      expected: [
        { message: 'Console password of user admin is written in the template as a literal.', line: 12 },
      ],
    },
    {
      name: 'a parameter with a literal Default: flagged at the Default',
      password: '!Ref Defaulted',
      expected: [
        {
          message:
            'Console password of user admin is the Default of parameter Defaulted, a literal in the template (NoEcho would not hide it there).',
          line: 4,
        },
      ],
    },
    {
      name: 'a NoEcho parameter with a literal Default is still a literal',
      password: '!Ref HiddenDefaulted',
      expected: [
        { message: expect.stringContaining('parameter HiddenDefaulted') as unknown as string, line: 5 },
      ],
    },
    { name: 'a NoEcho parameter without Default', password: '!Ref Hidden', expected: [] },
    { name: 'a parameter given at deploy time', password: '!Ref Plain', expected: [] },
    {
      name: 'a Secrets Manager dynamic reference',
      password: '"{{resolve:secretsmanager:admin-pw}}"',
      expected: [],
    },
    {
      name: 'an SSM SecureString dynamic reference',
      password: '"{{resolve:ssm-secure:/admin/pw:3}}"',
      expected: [],
    },
  ])('$name', ({ password, expected }) => {
    const findings = runRule(
      templateLiteralPassword,
      snapshotFromTemplate(stack(password), 'infra/admin.yaml'),
    );
    expect(findings.map((f) => ({ message: f.message, line: f.location?.line }))).toEqual(expected);
    for (const finding of findings) {
      expect(finding.resource).toBe('arn:aws:iam::000000000000:user/admin');
      expect(finding.location?.file).toBe('infra/admin.yaml');
      expect(JSON.stringify(finding)).not.toContain(SECRET);
    }
  });

  test('a user without a login profile has no console password', () => {
    const snapshot = snapshotFromTemplate('Resources:\n  Bot:\n    Type: AWS::IAM::User\n');
    expect(runRule(templateLiteralPassword, snapshot)).toEqual([]);
  });
});
