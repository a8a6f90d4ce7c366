import { publicStatements } from '../../src/policy/public-access.js';
import type { ConditionBlock, Statement } from '../../src/snapshot/schema.js';
import { doc } from '../builders/snapshot.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const ACCOUNT = '123456789012';

const anyone = (Condition?: ConditionBlock): Statement => ({
  Effect: 'Allow',
  Principal: '*',
  Action: ['sqs:SendMessage'],
  Resource: ['*'],
  ...(Condition ? { Condition } : {}),
});

const judge = (...statements: Statement[]) => publicStatements(doc(...statements), NOW, ACCOUNT);
const verdictOf = (statement: Statement) => judge(statement)[0]?.verdict ?? 'restricted';

describe('publicStatements: who the statement names', () => {
  test.each<[string, Statement, string]>([
    ['Principal "*"', anyone(), 'public'],
    ['{"AWS": "*"}', { Effect: 'Allow', Principal: { AWS: ['*'] }, Action: ['sns:Publish'] }, 'public'],
    [
      '"*" among accounts',
      { Effect: 'Allow', Principal: { AWS: ['111111111111', '*'] }, Action: ['a:B'] },
      'public',
    ],
    [
      'Allow with NotPrincipal',
      { Effect: 'Allow', NotPrincipal: { AWS: ['111111111111'] }, Action: ['a:B'] },
      'public',
    ],
    ['one account', { Effect: 'Allow', Principal: { AWS: ['111111111111'] }, Action: ['a:B'] }, 'restricted'],
    [
      'a service',
      { Effect: 'Allow', Principal: { Service: ['s3.amazonaws.com'] }, Action: ['a:B'] },
      'restricted',
    ],
    ['Deny to everyone', { Effect: 'Deny', Principal: '*', Action: ['a:B'] }, 'restricted'],
  ])('%s -> %s', (_label, statement, expected) => {
    expect(verdictOf(statement)).toBe(expected);
  });
});

describe('publicStatements: conditions on a public principal', () => {
  test.each<[string, ConditionBlock, string]>([
    ['StringEquals aws:SourceAccount', { StringEquals: { 'aws:SourceAccount': [ACCOUNT] } }, 'restricted'],
    ['key names ignore case', { StringEquals: { 'AWS:sourceaccount': [ACCOUNT] } }, 'restricted'],
    [
      'ArnLike aws:SourceArn with a fixed account',
      { ArnLike: { 'aws:SourceArn': [`arn:aws:s3:*:${ACCOUNT}:*`] } },
      'restricted',
    ],
    [
      'ArnLike aws:SourceArn with any account',
      { ArnLike: { 'aws:SourceArn': ['arn:aws:sns:*:*:*'] } },
      'public',
    ],
    [
      'ArnLike aws:SourceArn of a named bucket',
      { ArnLike: { 'aws:SourceArn': ['arn:aws:s3:::my-bucket'] } },
      'restricted',
    ],
    ['ArnLike aws:SourceArn of any bucket', { ArnLike: { 'aws:SourceArn': ['arn:aws:s3:::*'] } }, 'public'],
    [
      'StringEquals aws:PrincipalOrgID',
      { StringEquals: { 'aws:PrincipalOrgID': ['o-abc123'] } },
      'restricted',
    ],
    ['StringLike aws:PrincipalOrgID "*"', { StringLike: { 'aws:PrincipalOrgID': ['*'] } }, 'public'],
    ['StringLike aws:PrincipalOrgID "o-*"', { StringLike: { 'aws:PrincipalOrgID': ['o-*'] } }, 'public'],
    [
      'one wildcard value among fixed ones',
      { StringLike: { 'aws:SourceAccount': [ACCOUNT, '*'] } },
      'public',
    ],
    [
      'StringNotEquals aws:PrincipalAccount',
      { StringNotEquals: { 'aws:PrincipalAccount': ['999999999999'] } },
      'public',
    ],
    [
      'StringEqualsIfExists aws:SourceVpce',
      { StringEqualsIfExists: { 'aws:SourceVpce': ['vpce-1'] } },
      'public',
    ],
    [
      'ForAllValues over aws:PrincipalOrgPaths',
      { 'ForAllValues:StringLike': { 'aws:PrincipalOrgPaths': ['o-a/r-b/*'] } },
      'public',
    ],
    [
      'ForAnyValue over aws:PrincipalOrgPaths',
      { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgPaths': ['o-a/r-b/'] } },
      'restricted',
    ],
    [
      'Null aws:PrincipalOrgID false (any organization)',
      { Null: { 'aws:PrincipalOrgID': ['false'] } },
      'public',
    ],
    ['StringEquals aws:SourceVpce', { StringEquals: { 'aws:SourceVpce': ['vpce-1a2b3c'] } }, 'restricted'],
    ['StringEquals kms:CallerAccount', { StringEquals: { 'kms:CallerAccount': [ACCOUNT] } }, 'restricted'],
    ['aws:SecureTransport only', { Bool: { 'aws:SecureTransport': ['true'] } }, 'public'],
    ['a function URL without auth', { StringEquals: { 'lambda:FunctionUrlAuthType': ['NONE'] } }, 'public'],
    ['IpAddress to a range', { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } }, 'conditional'],
    ['IpAddress to every address', { IpAddress: { 'aws:SourceIp': ['0.0.0.0/0'] } }, 'public'],
    ['NotIpAddress', { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } }, 'public'],
    ['an unknown key', { StringEquals: { 'sqs:SomeFutureKey': ['x'] } }, 'conditional'],
    [
      'an unknown key with a restricting one',
      { StringEquals: { 'sqs:SomeFutureKey': ['x'], 'aws:SourceAccount': [ACCOUNT] } },
      'restricted',
    ],
    [
      'an expired date window',
      { DateLessThan: { 'aws:CurrentTime': ['2026-05-31T23:59:59Z'] } },
      'restricted',
    ],
    ['a date window still open', { DateLessThan: { 'aws:CurrentTime': ['2026-06-01T00:00:01Z'] } }, 'public'],
  ])('%s -> %s', (_label, condition, expected) => {
    expect(verdictOf(anyone(condition))).toBe(expected);
  });

  test('a conditional statement says which key left it to the request', () => {
    expect(judge(anyone({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } }))).toEqual([
      {
        index: 0,
        verdict: 'conditional',
        reasons: ['aws:SourceIp limits calls to 10.0.0.0/8, 192.168.0.0/16, but not who makes them'],
      },
    ]);
  });

  test('names every open statement by index and Sid', () => {
    const statements = judge(
      { ...anyone(), Sid: 'Open' },
      anyone({ StringEquals: { 'aws:SourceAccount': [ACCOUNT] } }),
      anyone(),
    );
    expect(statements.map(({ index, sid }) => [index, sid])).toEqual([
      [0, 'Open'],
      [2, undefined],
    ]);
  });
});
