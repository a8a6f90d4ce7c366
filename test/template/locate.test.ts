import type { CloudFormationTemplate } from '../../src/snapshot/schema.js';
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
    { principalArn: ROLE, policyName: 'read', location: at(30), conditions: [] },
  ],
  loginProfiles: [],
  accessKeys: [],
  secretOutputs: [],
  managedPolicyAttachments: [{ principalArn: ROLE, policyArn: ADMIN, location: at(40) }],
  externalPrincipals: [],
};

describe('where a finding of a shared rule lands in its template', () => {
  test.each<[string, { resource: string; discriminator?: string }, number]>([
    ['the inline policy its discriminator names', { resource: ROLE, discriminator: 'read' }, 30],
    [
      'the inline policy named as a token of a longer discriminator',
      { resource: ROLE, discriminator: 'inline:deploy#2' },
      20,
    ],
    [
      'a discriminator naming no inline policy: the principal',
      { resource: ROLE, discriminator: 'readonly' },
      10,
    ],
    ['no discriminator: the principal', { resource: ROLE }, 10],
    ['an AWS managed policy: where it is attached', { resource: ADMIN }, 40],
    ['anything else: the top of the file', { resource: 'arn:aws:iam::000000000000:root' }, 1],
  ])('%s', (_name, finding, line) => {
    expect(findingLocation(facts, finding).line).toBe(line);
  });
});
