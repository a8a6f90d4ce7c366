// A statement's Resource applies to an action only where it can match an ARN of a resource type the
// action takes; actions that take none need Resource "*".
import { actionCatalog } from '../../src/policy/catalog.js';
import { CompiledPolicy } from '../../src/policy/compiled-policy.js';
import type { Statement } from '../../src/snapshot/schema.js';
import { ACCOUNT, doc } from '../builders/snapshot.js';

const catalog = actionCatalog();
const env = { catalog, partition: 'aws', accountId: ACCOUNT, now: new Date('2026-06-15T12:00:00Z') };
const origin = { kind: 'inline', owner: 'alice', ownerName: 'alice', name: 'p' } as const;

function appliesTo(statement: Statement, action: string): boolean {
  const [compiled] = new CompiledPolicy(origin, doc(statement), env).statements;
  return compiled!.actions.has(catalog.requireIndex(action));
}

const onResources = (action: string, resources: string[]): Statement => ({
  Effect: 'Allow',
  Action: [action],
  Resource: resources,
});
const notOn = (action: string, resources: string[]): Statement => ({
  Effect: 'Allow',
  Action: [action],
  NotResource: resources,
});

describe('a Resource applies to the actions whose resources it can name', () => {
  test.each<[string, Statement, string, boolean]>([
    [
      'a function action on database ARNs (the issue)',
      onResources('lambda:UpdateFunctionCode', [`arn:aws:rds:us-east-1:${ACCOUNT}:db:test*`]),
      'lambda:UpdateFunctionCode',
      false,
    ],
    [
      'the same action on function ARNs',
      onResources('lambda:UpdateFunctionCode', ['arn:aws:lambda:*:*:function:test*']),
      'lambda:UpdateFunctionCode',
      true,
    ],
    [
      'one matching pattern among others is enough',
      onResources('lambda:UpdateFunctionCode', ['arn:aws:rds:*:*:db:*', 'arn:aws:lambda:*:*:function:x']),
      'lambda:UpdateFunctionCode',
      true,
    ],
    [
      'a pattern with a wildcard service segment',
      onResources('lambda:UpdateFunctionCode', ['arn:aws:*:*:*:*']),
      'lambda:UpdateFunctionCode',
      true,
    ],
    [
      'the service segment in capitals (kept: an Allow is never dropped on a guess)',
      onResources('lambda:UpdateFunctionCode', ['arn:aws:LAMBDA:*:*:function:test*']),
      'lambda:UpdateFunctionCode',
      true,
    ],
    [
      'function ARNs of another partition',
      onResources('lambda:UpdateFunctionCode', ['arn:aws-cn:lambda:*:*:function:*']),
      'lambda:UpdateFunctionCode',
      false,
    ],
    [
      'a policy variable stands for any name',
      onResources('iam:CreateAccessKey', [`arn:aws:iam::${ACCOUNT}:user/\${aws:username}`]),
      'iam:CreateAccessKey',
      true,
    ],
    [
      'an action taking no resource type on a specific ARN',
      onResources('lambda:ListFunctions', ['arn:aws:lambda:*:*:function:*']),
      'lambda:ListFunctions',
      false,
    ],
    [
      'an action taking no resource type on arn:aws:*',
      onResources('lambda:ListFunctions', ['arn:aws:*']),
      'lambda:ListFunctions',
      false,
    ],
    [
      'an action taking no resource type on *',
      onResources('lambda:ListFunctions', ['*']),
      'lambda:ListFunctions',
      true,
    ],
    [
      'Action * on one bucket: object actions',
      onResources('*', ['arn:aws:s3:::bucket/*']),
      's3:GetObject',
      true,
    ],
    [
      'Action * on one bucket: IAM actions',
      onResources('*', ['arn:aws:s3:::bucket/*']),
      'iam:CreateAccessKey',
      false,
    ],
    [
      'an undocumented action (resource types unknown)',
      onResources('codestar:CreateProjectFromTemplate', ['arn:aws:rds:*:*:db:*']),
      'codestar:CreateProjectFromTemplate',
      true,
    ],
    [
      'NotResource excluding another service',
      notOn('lambda:UpdateFunctionCode', ['arn:aws:rds:*:*:db:*']),
      'lambda:UpdateFunctionCode',
      true,
    ],
    [
      'NotResource excluding every function',
      notOn('lambda:UpdateFunctionCode', ['arn:aws:lambda:*:*:function:*']),
      'lambda:UpdateFunctionCode',
      false,
    ],
    [
      'NotResource excluding only some functions',
      notOn('lambda:UpdateFunctionCode', ['arn:aws:lambda:*:*:function:prod-*']),
      'lambda:UpdateFunctionCode',
      true,
    ],
    [
      'NotResource excluding functions, for an action taking no resource type',
      notOn('lambda:ListFunctions', ['arn:aws:lambda:*:*:function:*']),
      'lambda:ListFunctions',
      true,
    ],
    ['NotResource *', notOn('lambda:ListFunctions', ['*']), 'lambda:ListFunctions', false],
    [
      'NotAction on a database ARN covers database actions only',
      { Effect: 'Allow', NotAction: ['s3:*'], Resource: ['arn:aws:rds:*:*:db:*'] },
      'rds:DeleteDBInstance',
      true,
    ],
    [
      'NotAction on a database ARN does not reach IAM',
      { Effect: 'Allow', NotAction: ['s3:*'], Resource: ['arn:aws:rds:*:*:db:*'] },
      'iam:PassRole',
      false,
    ],
  ])('%s', (_name, statement, action, expected) => {
    expect(appliesTo(statement, action)).toBe(expected);
  });
});
