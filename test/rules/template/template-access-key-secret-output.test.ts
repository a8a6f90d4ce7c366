import { templateAccessKeySecretOutput } from '../../../src/rules/template/template-access-key-secret-output.js';
import { runRule } from '../../builders/rules.js';
import { snapshotFromTemplate } from '../../builders/template.js';

function stack(outputs: string): string {
  return `Resources:
  Deployer:
    Type: AWS::IAM::User
    Properties: {UserName: deployer}
  Key:
    Type: AWS::IAM::AccessKey
    Properties: {UserName: !Ref Deployer}
  Bucket:
    Type: AWS::S3::Bucket
Outputs:
${outputs}`;
}

describe('template-access-key-secret-output', () => {
  test.each<{
    name: string;
    outputs: string;
    expected: Array<{ discriminator: string; message: string; line: number }>;
  }>([
    {
      name: 'GetAtt SecretAccessKey, exported',
      outputs: '  Secret:\n    Value: !GetAtt Key.SecretAccessKey\n    Export: {Name: deployer-secret}\n',
      expected: [
        {
          discriminator: 'Secret',
          message:
            'Output Secret contains the SecretAccessKey of access key Key of user deployer, exported as deployer-secret.',
          line: 11,
        },
      ],
    },
    {
      name: 'long-form GetAtt, not exported: still readable by anyone who can describe the stack',
      outputs: '  Secret:\n    Value: {"Fn::GetAtt": [Key, SecretAccessKey]}\n',
      expected: [
        {
          discriminator: 'Secret',
          message: 'Output Secret contains the SecretAccessKey of access key Key of user deployer.',
          line: 11,
        },
      ],
    },
    {
      name: 'inside Sub',
      outputs: '  Credentials:\n    Value: !Sub "${Key}:${Key.SecretAccessKey}"\n',
      expected: [
        {
          discriminator: 'Credentials',
          message: expect.stringContaining('Output Credentials') as unknown as string,
          line: 11,
        },
      ],
    },
    { name: 'the key id alone is not a secret', outputs: '  KeyId:\n    Value: !Ref Key\n', expected: [] },
    {
      name: "another resource's attribute",
      outputs: '  Arn:\n    Value: !GetAtt Bucket.Arn\n',
      expected: [],
    },
  ])('$name', ({ outputs, expected }) => {
    const findings = runRule(templateAccessKeySecretOutput, snapshotFromTemplate(stack(outputs)));
    expect(
      findings.map((f) => ({ discriminator: f.discriminator, message: f.message, line: f.location?.line })),
    ).toEqual(expected);
    for (const finding of findings) expect(finding.resource).toBe('arn:aws:iam::000000000000:user/deployer');
  });
});
