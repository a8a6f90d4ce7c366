// Judging a CloudWatch Logs metric filter pattern: does it match every use of the root user that
// the CIS monitoring control's pattern matches, and nothing but root use? Equivalent spellings
// pass; a narrower or broader pattern does not; a pattern that cannot be read is unknown.
import { judgeRootUsagePattern } from '../../../src/rules/shared/root-usage-filter.js';

const CIS =
  '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';

const NOT_JSON = 'not a JSON pattern ({ ... }): iamspect judges JSON patterns only';

describe('judgeRootUsagePattern', () => {
  test.each([
    { name: 'the CIS pattern', pattern: CIS },
    {
      name: 'no spaces (the Security Hub spelling)',
      pattern:
        '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
    },
    {
      name: 'each term in parentheses',
      pattern:
        '{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != "AwsServiceEvent") }',
    },
    {
      name: 'terms in another order, values unquoted',
      pattern:
        '{ $.eventType != AwsServiceEvent && $.userIdentity.type = Root && $.userIdentity.invokedBy NOT EXISTS }',
    },
    {
      name: 'root use of any kind (no exclusions: broader, still root only)',
      pattern: '{ $.userIdentity.type = "Root" }',
    },
    { name: 'a wildcard value that matches Root', pattern: '{ $.userIdentity.type = "Ro*" }' },
    {
      name: 'an || of two root-only branches',
      pattern:
        '{ ($.userIdentity.type = "Root" && $.eventType != "AwsServiceEvent") || ($.userIdentity.type = Root) }',
    },
    {
      name: 'spread over lines',
      pattern: '{\n  $.userIdentity.type = "Root"\n  && $.userIdentity.invokedBy NOT EXISTS\n}',
    },
  ])('matches: $name', ({ pattern }) => {
    expect(judgeRootUsagePattern(pattern)).toEqual({ verdict: 'matches' });
  });

  test.each([
    {
      name: 'root console sign-ins only (misses API use)',
      pattern: '{ $.userIdentity.type = "Root" && $.eventName = "ConsoleLogin" }',
    },
    { name: 'another identity type', pattern: '{ $.userIdentity.type = "IAMUser" }' },
    { name: 'a case that CloudWatch compares exactly', pattern: '{ $.userIdentity.type = "root" }' },
    { name: 'root excluded', pattern: '{ $.userIdentity.type != "Root" }' },
    {
      name: 'invokedBy IS NULL (an absent field is not null: misses root use)',
      pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy IS NULL }',
    },
    {
      name: 'another event type excluded (misses root API calls)',
      pattern: '{ $.userIdentity.type = "Root" && $.eventType != "AwsApiCall" }',
    },
    {
      name: 'root or anything else (the alarm does not mean root was used)',
      pattern: '{ $.userIdentity.type = "Root" || $.eventName = "CreateUser" }',
    },
    { name: 'every non-service event', pattern: '{ $.eventType != "AwsServiceEvent" }' },
    {
      name: 'another CIS filter',
      pattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
    },
  ])('does not match: $name', ({ pattern }) => {
    expect(judgeRootUsagePattern(pattern)).toEqual({ verdict: 'other' });
  });

  test.each([
    { pattern: 'Root', why: NOT_JSON },
    { pattern: '[type=Root, ...]', why: NOT_JSON },
    { pattern: '', why: NOT_JSON },
    { pattern: '{ $.userIdentity.type = "Root" && }', why: 'unreadable at "}"' },
    { pattern: '{ ($.userIdentity.type = "Root" }', why: 'unreadable at "}"' },
    { pattern: '{ $.userIdentity.type = "Root }', why: 'unreadable at "\\"Root }"' },
    {
      pattern: '{ $.userIdentity.type = "Root" } junk',
      why: NOT_JSON,
    },
  ])('cannot judge $pattern', ({ pattern, why }) => {
    expect(judgeRootUsagePattern(pattern)).toEqual({ verdict: 'unknown', why });
  });
});
