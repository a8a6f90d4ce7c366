import { templateDuplicatePhysicalName } from '../../../src/rules/template/template-duplicate-physical-name.js';
import { runRule } from '../../builders/rules.js';
import { snapshotFromTemplate } from '../../builders/template.js';

const user = (logicalId: string, name?: string) =>
  `  ${logicalId}:\n    Type: AWS::IAM::User\n${name === undefined ? '' : `    Properties: {UserName: ${name}}\n`}`;

describe('template-duplicate-physical-name', () => {
  test.each<{ name: string; resources: string; expected: Array<{ message: string; line: number }> }>([
    {
      name: 'two users with one UserName: once, at the second',
      resources: user('A', 'ops') + user('B', 'ops'),
      expected: [
        {
          message:
            '2 AWS::IAM::User resources (A and B) are named ops: IAM names are unique in an account, so the stack cannot be deployed.',
          line: 7,
        },
      ],
    },
    {
      name: 'three with one name (the boundary is two)',
      resources: user('A', 'ops') + user('B', 'ops') + user('C', 'ops'),
      expected: [
        {
          message:
            '3 AWS::IAM::User resources (A, B and C) are named ops: IAM names are unique in an account, so the stack cannot be deployed.',
          line: 7,
        },
      ],
    },
    {
      name: 'names that differ only in case are two names',
      resources: user('A', 'ops') + user('B', 'Ops'),
      expected: [],
    },
    { name: 'generated names (no UserName) are unique', resources: user('A') + user('B'), expected: [] },
    {
      name: 'a name only known at deploy time is not compared',
      resources: user('A', '!Ref Name') + user('B', '!Ref Name'),
      expected: [],
    },
    {
      name: 'an empty name is generated, like no name',
      resources: user('A', '""') + user('B', '""'),
      expected: [],
    },
  ])('$name', ({ resources, expected }) => {
    const snapshot = snapshotFromTemplate(`Parameters:\n  Name: {Type: String}\nResources:\n${resources}`);
    const findings = runRule(templateDuplicatePhysicalName, snapshot);
    expect(findings.map((finding) => ({ message: finding.message, line: finding.location?.line }))).toEqual(
      expected,
    );
    for (const finding of findings) expect(finding.resource).toBe('arn:aws:iam::000000000000:user/ops');
  });
});
