import type { CloudFormationTemplate } from '../../src/snapshot/schema.js';
import type { Subject } from '../../src/model/subject.js';
import { findingLocation } from '../../src/template/locate.js';

const at = (line: number) => ({ file: 'stack.yaml', line, column: 3 });
const ROLE = 'arn:aws:iam::000000000000:role/app';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

const facts: CloudFormationTemplate = {
  file: 'stack.yaml',
  resources: [
    { logicalId: 'App', type: 'AWS::IAM::Role', arn: ROLE, location: at(10), name: 'app', conditions: [] },
  ],
  inlinePolicies: [
    { principalArn: ROLE, policyName: 'deploy', location: at(20), conditions: [] },
    { principalArn: ROLE, policyName: 'deploy v2', location: at(25), conditions: [] },
    { principalArn: ROLE, policyName: 'read', location: at(30), conditions: [] },
  ],
  loginProfiles: [],
  accessKeys: [],
  secretOutputs: [],
  managedPolicyAttachments: [{ principalArn: ROLE, policyArn: ADMIN, location: at(40) }],
  externalPrincipals: [],
};

describe('where a finding of a shared rule lands in its template', () => {
  test.each<[string, { resource: string; subject?: Subject }, number]>([
    [
      'the inline policy its subject names',
      { resource: ROLE, subject: { kind: 'role', name: 'app', policy: 'read' } },
      30,
    ],
    [
      // A policy name is a name, not a token: "deploy v2" is not the policy "deploy".
      'an inline policy name with spaces, exactly as the subject names it',
      { resource: ROLE, subject: { kind: 'role', name: 'app', policy: 'deploy v2' } },
      25,
    ],
    [
      'a subject naming no inline policy of the template: the principal',
      { resource: ROLE, subject: { kind: 'role', name: 'app', policy: 'readonly' } },
      10,
    ],
    ['no subject policy: the principal', { resource: ROLE, subject: { kind: 'role', name: 'app' } }, 10],
    ['no subject: the principal', { resource: ROLE }, 10],
    ['an AWS managed policy: where it is attached', { resource: ADMIN }, 40],
    ['anything else: the top of the file', { resource: 'arn:aws:iam::000000000000:root' }, 1],
  ])('%s', (_name, finding, line) => {
    expect(findingLocation(facts, finding).line).toBe(line);
  });
});
