import { actionCatalog } from '../../src/policy/catalog.js';
import {
  accountOfPrincipal,
  constrainedKeys,
  isServiceLinkedRole,
  requiredValues,
  requiresMfa,
  trustStatementsOf,
} from '../../src/policy/trust.js';
import { doc } from '../builders/snapshot.js';

const catalog = actionCatalog();

describe('trustStatementsOf', () => {
  test('reads every principal form of the Allow statements that grant an AssumeRole action', () => {
    const statements = trustStatementsOf(
      doc(
        { Sid: 'Any', Effect: 'Allow', Principal: '*', Action: ['sts:AssumeRole'] },
        { Effect: 'Allow', Principal: { AWS: ['*', '111111111111'] }, Action: ['sts:AssumeRole'] },
        { Effect: 'Allow', Principal: { Service: ['EC2.amazonaws.com.cn'] }, Action: ['sts:*'] },
        {
          Effect: 'Allow',
          Principal: { Federated: ['arn:aws:iam::1:oidc-provider/x'] },
          Action: ['sts:AssumeRoleWithWebIdentity'],
        },
        { Effect: 'Allow', NotPrincipal: { AWS: ['111111111111'] }, Action: ['sts:AssumeRole'] },
        { Effect: 'Deny', Principal: '*', Action: ['sts:AssumeRole'] },
        { Effect: 'Allow', Principal: '*', Action: ['sts:TagSession'] },
      ),
      catalog,
    );
    expect(statements.map((s) => [s.index, s.anyPrincipal, s.aws, s.services, s.federated])).toEqual([
      [0, true, [], [], []],
      [1, true, ['111111111111'], [], []],
      [2, false, [], ['ec2.amazonaws.com'], []],
      [3, false, [], [], ['arn:aws:iam::1:oidc-provider/x']],
      [4, true, [], [], []],
    ]);
    expect(statements[0]!.sid).toBe('Any');
  });
});

describe('conditions that restrict a trust', () => {
  test.each([
    [{ StringEquals: { 'sts:ExternalId': ['abc'] } }, ['sts:externalid']],
    [{ StringEqualsIfExists: { 'sts:ExternalId': ['abc'] } }, []],
    [{ StringNotEquals: { 'aws:PrincipalOrgID': ['o-1'] } }, []],
    [{ StringLike: { 'aws:PrincipalOrgID': ['*'] } }, []],
    [{ Null: { 'aws:SourceArn': ['false'] } }, []],
    [{ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-1/r-1/*'] } }, ['aws:principalorgpaths']],
  ])('%j constrains %j', (condition, keys) => {
    expect([...constrainedKeys(condition)]).toEqual(keys);
  });

  test('requiredValues gives the values of positive tests only', () => {
    const condition = {
      StringEquals: { 'aws:PrincipalOrgID': ['o-1'] },
      StringNotEquals: { 'aws:PrincipalOrgID': ['o-2'] },
    };
    expect(requiredValues(condition, 'AWS:PrincipalOrgId')).toEqual(['o-1']);
  });

  test.each([
    [{ Bool: { 'aws:MultiFactorAuthPresent': ['true'] } }, true],
    [{ BoolIfExists: { 'aws:MultiFactorAuthPresent': ['true'] } }, false],
    [{ Bool: { 'aws:MultiFactorAuthPresent': ['false'] } }, false],
    [{ NumericLessThan: { 'aws:MultiFactorAuthAge': ['3600'] } }, true],
    [undefined, false],
  ])('%j requires MFA: %s', (condition, expected) => {
    expect(requiresMfa(condition)).toBe(expected);
  });
});

test.each([
  ['123456789012', '123456789012'],
  ['arn:aws:iam::123456789012:root', '123456789012'],
  ['arn:aws-cn:iam::123456789012:role/x', '123456789012'],
  ['arn:aws:sts::123456789012:assumed-role/x/y', '123456789012'],
  ['AROAEXAMPLEUNIQUEID', null],
])('accountOfPrincipal(%s) = %s', (principal, account) => {
  expect(accountOfPrincipal(principal)).toBe(account);
});

test('service-linked roles are recognised by their path', () => {
  expect(isServiceLinkedRole({ path: '/aws-service-role/autoscaling.amazonaws.com/' })).toBe(true);
  expect(isServiceLinkedRole({ path: '/service-role/' })).toBe(false);
});
