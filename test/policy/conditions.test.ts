import type { RequestFacts } from '../../src/policy/conditions.js';
import {
  dependsOnPrincipal,
  evaluateCondition,
  isKnownConditionOperator,
  substituteVariables,
} from '../../src/policy/conditions.js';
import type { ConditionBlock } from '../../src/snapshot/schema.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const ACCOUNT = '123456789012';
const alice: RequestFacts = {
  now: NOW,
  accountId: ACCOUNT,
  principal: { kind: 'user', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, name: 'alice' },
};
const appRole: RequestFacts = {
  now: NOW,
  accountId: ACCOUNT,
  principal: { kind: 'role', arn: `arn:aws:iam::${ACCOUNT}:role/app`, name: 'app' },
};
const policyAlone: RequestFacts = { now: NOW, accountId: ACCOUNT };

describe('evaluateCondition', () => {
  test.each<[string, ConditionBlock, RequestFacts, string]>([
    ['no condition', {}, alice, 'always'],
    [
      'CurrentTime before a future date',
      { DateLessThan: { 'aws:CurrentTime': ['2030-01-01T00:00:00Z'] } },
      alice,
      'always',
    ],
    [
      'CurrentTime after a future date',
      { DateGreaterThan: { 'aws:CurrentTime': ['2030-01-01T00:00:00Z'] } },
      alice,
      'never',
    ],
    [
      'CurrentTime window that has closed',
      { DateLessThan: { 'aws:CurrentTime': ['2020-01-01'] } },
      alice,
      'never',
    ],
    [
      'exactly now is not less than now',
      { DateLessThan: { 'aws:CurrentTime': ['2026-06-15T12:00:00Z'] } },
      alice,
      'never',
    ],
    [
      'exactly now is less than or equal',
      { DateLessThanEquals: { 'aws:CurrentTime': ['2026-06-15T12:00:00Z'] } },
      alice,
      'always',
    ],
    [
      'date given as epoch seconds',
      { DateGreaterThan: { 'aws:CurrentTime': ['1700000000'] } },
      alice,
      'always',
    ],
    [
      'EpochTime numeric comparison',
      { NumericLessThan: { 'aws:EpochTime': ['1700000000'] } },
      alice,
      'never',
    ],
    ['PrincipalAccount equals', { StringEquals: { 'aws:PrincipalAccount': [ACCOUNT] } }, alice, 'always'],
    [
      'PrincipalAccount of another account',
      { StringEquals: { 'aws:PrincipalAccount': ['111111111111'] } },
      alice,
      'never',
    ],
    ['username matches', { StringEquals: { 'aws:username': ['alice'] } }, alice, 'always'],
    ['username of someone else', { StringEquals: { 'aws:username': ['bob'] } }, alice, 'never'],
    ['key names are case-insensitive', { StringEquals: { 'AWS:UserName': ['alice'] } }, alice, 'always'],
    ['roles have no user name', { StringEquals: { 'aws:username': ['app'] } }, appRole, 'never'],
    [
      'negated operator on a missing key holds',
      { StringNotEquals: { 'aws:username': ['bob'] } },
      appRole,
      'always',
    ],
    [
      'IfExists on a missing key holds',
      { StringEqualsIfExists: { 'aws:username': ['bob'] } },
      appRole,
      'always',
    ],
    ['Null true on a missing key holds', { Null: { 'aws:username': ['true'] } }, appRole, 'always'],
    ['Null true on a present key fails', { Null: { 'aws:username': ['true'] } }, alice, 'never'],
    [
      'ForAllValues on a missing key holds',
      { 'ForAllValues:StringEquals': { 'aws:username': ['x'] } },
      appRole,
      'always',
    ],
    [
      'ForAnyValue on a missing key fails',
      { 'ForAnyValue:StringEquals': { 'aws:username': ['x'] } },
      appRole,
      'never',
    ],
    [
      'PrincipalArn ArnLike',
      { ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/app*'] } },
      appRole,
      'always',
    ],
    [
      'PrincipalArn ArnNotLike',
      { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/app*'] } },
      appRole,
      'never',
    ],
    [
      'PrincipalType of a role session',
      { StringEquals: { 'aws:PrincipalType': ['AssumedRole'] } },
      appRole,
      'always',
    ],
    ['values are ORed', { StringEquals: { 'aws:username': ['bob', 'alice'] } }, alice, 'always'],
    ['negated values are NORed', { StringNotEquals: { 'aws:username': ['bob', 'alice'] } }, alice, 'never'],
    ['StringLike with a wildcard', { StringLike: { 'aws:username': ['al*'] } }, alice, 'always'],
    [
      'policy variable in a value',
      { StringEquals: { 'aws:PrincipalArn': ['arn:aws:iam::123456789012:user/${aws:username}'] } },
      alice,
      'always',
    ],
    [
      'a request key is only known at request time',
      { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } },
      alice,
      'conditional',
    ],
    [
      'MFA is only known at request time',
      { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } },
      alice,
      'conditional',
    ],
    [
      'the user name is unknown for a policy judged alone',
      { StringEquals: { 'aws:username': ['alice'] } },
      policyAlone,
      'conditional',
    ],
    [
      'one false entry decides, whatever else is unknown',
      { Bool: { 'aws:SecureTransport': ['true'] }, DateGreaterThan: { 'aws:CurrentTime': ['2099-01-01'] } },
      alice,
      'never',
    ],
    [
      'an unknown operator stays conditional',
      { StringEqualz: { 'aws:username': ['alice'] } },
      alice,
      'conditional',
    ],
  ])('%s', (_name, block, facts, verdict) => {
    expect(evaluateCondition(block, facts).verdict).toBe(verdict);
  });

  // A token usable now was issued within the last 36 hours (2026-06-14T00:00:00Z to NOW), or the
  // request carries none (a user's access key): each operator at the ends of that window.
  const WINDOW_START = '2026-06-14T00:00:00Z';
  test.each<[string, string, string, string, RequestFacts]>([
    ['DateLessThan', 'the start of the window', 'never', WINDOW_START, appRole],
    ['DateLessThan', 'a second into the window', 'conditional', '2026-06-14T00:00:01Z', appRole],
    ['DateLessThan', 'long ago (epoch seconds)', 'never', '1700000000', alice],
    ['DateLessThanEquals', 'a second before the window', 'never', '2026-06-13T23:59:59Z', appRole],
    ['DateLessThanEquals', 'the start of the window', 'conditional', WINDOW_START, appRole],
    ['DateLessThanIfExists', 'the start of the window', 'conditional', WINDOW_START, alice],
    ['DateLessThanIfExists', 'a second after now', 'always', '2026-06-15T12:00:01Z', appRole],
    ['DateGreaterThan', 'now', 'never', '2026-06-15T12:00:00Z', appRole],
    ['DateGreaterThan', 'a second before now', 'conditional', '2026-06-15T11:59:59Z', appRole],
    [
      'DateGreaterThan',
      'long ago (every token is newer, but there may be none)',
      'conditional',
      '2020-01-01',
      appRole,
    ],
    ['DateGreaterThanEquals', 'now', 'conditional', '2026-06-15T12:00:00Z', policyAlone],
    ['DateGreaterThanEquals', 'a second after now', 'never', '2026-06-15T12:00:01Z', policyAlone],
    ['DateGreaterThanIfExists', 'long ago', 'always', '2020-01-01', alice],
    ['DateGreaterThanIfExists', 'a second after now', 'conditional', '2026-06-15T12:00:01Z', alice],
    ['DateEquals', 'a second before the window', 'never', '2026-06-13T23:59:59Z', appRole],
    ['DateEquals', 'the start of the window', 'conditional', WINDOW_START, appRole],
    ['DateNotEquals', 'a second after now', 'always', '2026-06-15T12:00:01Z', appRole],
    ['DateNotEquals', 'now', 'conditional', '2026-06-15T12:00:00Z', appRole],
  ])('aws:TokenIssueTime %s %s: %s', (operator, _when, verdict, date, facts) => {
    expect(evaluateCondition({ [operator]: { 'aws:TokenIssueTime': [date] } }, facts).verdict).toBe(verdict);
  });

  // aws:SourceIp against IpAddress / NotIpAddress, given the request's address (can --context):
  // a CIDR covers its whole block and nothing past either end; a bare address is a /32 (or /128);
  // an IPv4 address never falls in an IPv6 block and the reverse.
  const from = (ip: string): RequestFacts => ({ ...alice, extra: { 'aws:sourceip': ip } });
  test.each<[string, string, string, string]>([
    ['IpAddress', '10.0.0.0/8', '10.0.0.0', 'always'],
    ['IpAddress', '10.0.0.0/8', '10.255.255.255', 'always'],
    ['IpAddress', '10.0.0.0/8', '9.255.255.255', 'never'],
    ['IpAddress', '10.0.0.0/8', '11.0.0.0', 'never'],
    ['IpAddress', '203.0.113.0/24', '203.0.113.77', 'always'],
    ['IpAddress', '203.0.113.5', '203.0.113.5', 'always'],
    ['IpAddress', '203.0.113.5', '203.0.113.6', 'never'],
    ['IpAddress', '0.0.0.0/0', '198.51.100.1', 'always'],
    ['IpAddress', '2001:db8:1234:5678::/64', '2001:db8:1234:5678:ffff:ffff:ffff:ffff', 'always'],
    ['IpAddress', '2001:db8:1234:5678::/64', '2001:db8:1234:5679::', 'never'],
    ['IpAddress', '2001:DB8::1', '2001:db8:0:0:0:0:0:1', 'always'],
    ['IpAddress', '::ffff:10.0.0.0/104', '::ffff:10.1.2.3', 'always'],
    ['IpAddress', '::/0', '10.0.0.1', 'never'],
    ['IpAddress', '0.0.0.0/0', '2001:db8::1', 'never'],
    ['NotIpAddress', '10.0.0.0/8', '10.1.2.3', 'never'],
    ['NotIpAddress', '10.0.0.0/8', '192.168.0.1', 'always'],
    ['IpAddress', '10.0.0.0/8', 'not-an-address', 'conditional'],
    ['IpAddress', '10.0.0.0/33', '10.0.0.1', 'conditional'],
  ])('%s %s, request from %s: %s', (operator, cidr, ip, verdict) => {
    expect(evaluateCondition({ [operator]: { 'aws:SourceIp': [cidr] } }, from(ip)).verdict).toBe(verdict);
  });

  test('IP blocks of one key are ORed, and NotIpAddress needs the address outside all of them', () => {
    const blocks = ['10.0.0.0/8', '2001:db8::/32'];
    expect(evaluateCondition({ IpAddress: { 'aws:SourceIp': blocks } }, from('2001:db8::9')).verdict).toBe(
      'always',
    );
    expect(evaluateCondition({ NotIpAddress: { 'aws:SourceIp': blocks } }, from('10.9.9.9')).verdict).toBe(
      'never',
    );
  });

  test('a value that matches decides a key, whatever other values are unknown', () => {
    const values = ['${aws:PrincipalTag/team}', 'alice'];
    expect(evaluateCondition({ StringEquals: { 'aws:username': values } }, alice).verdict).toBe('always');
    expect(evaluateCondition({ StringNotEquals: { 'aws:username': values } }, alice).verdict).toBe('never');
  });

  test('names the keys it could not decide', () => {
    const outcome = evaluateCondition(
      { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] }, StringEquals: { 'aws:username': ['alice'] } },
      alice,
    );
    expect(outcome).toEqual({ verdict: 'conditional', unresolvedKeys: ['aws:SourceIp'] });
  });

  test('keys fixed by the question decide (iam:PassedToService for a PassRole to Lambda)', () => {
    const block = { StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com'] } };
    expect(
      evaluateCondition(block, { ...alice, extra: { 'iam:passedtoservice': 'lambda.amazonaws.com' } })
        .verdict,
    ).toBe('always');
    expect(
      evaluateCondition(block, { ...alice, extra: { 'iam:passedtoservice': 'ec2.amazonaws.com' } }).verdict,
    ).toBe('never');
    expect(evaluateCondition(block, alice).verdict).toBe('conditional');
  });
});

describe('substituteVariables', () => {
  test.each<[string, RequestFacts, ReturnType<typeof substituteVariables>]>([
    ['arn:aws:iam::1:user/${aws:username}', alice, { value: 'arn:aws:iam::1:user/alice', unresolved: false }],
    ['arn:aws:iam::1:user/${aws:username}', appRole, null],
    [
      "arn:aws:s3:::home/${aws:username, 'shared'}/*",
      appRole,
      { value: 'arn:aws:s3:::home/shared/*', unresolved: false },
    ],
    ['arn:aws:s3:::b/${aws:PrincipalTag/team}/*', alice, { value: 'arn:aws:s3:::b/*/*', unresolved: true }],
    ['arn:aws:s3:::b/${*}', alice, { value: 'arn:aws:s3:::b/*', unresolved: false }],
    ['no variables', alice, { value: 'no variables', unresolved: false }],
  ])('%s', (text, facts, expected) => {
    expect(substituteVariables(text, facts)).toEqual(expected);
  });
});

describe('helpers', () => {
  test('dependsOnPrincipal: keys and variables that differ between principals', () => {
    expect(dependsOnPrincipal({ StringEquals: { 'aws:username': ['a'] } })).toBe(true);
    expect(dependsOnPrincipal({ StringLike: { 's3:prefix': ['home/${aws:username}/*'] } })).toBe(true);
    expect(dependsOnPrincipal({ DateLessThan: { 'aws:CurrentTime': ['2030-01-01'] } })).toBe(false);
    expect(dependsOnPrincipal(undefined)).toBe(false);
  });

  test.each([
    ['StringEquals', true],
    ['stringequals', true],
    ['StringLikeIfExists', true],
    ['ForAllValues:StringLike', true],
    ['ForAnyValue:ArnNotLike', true],
    ['NullIfExists', false],
    ['StringEqualz', false],
    ['ForSomeValues:StringEquals', false],
  ])('isKnownConditionOperator(%s) = %s', (operator, known) => {
    expect(isKnownConditionOperator(operator)).toBe(known);
  });
});
