import { globMatch, IAM_WILDCARDS, STAR_ONLY } from '../../src/util/glob.js';

describe("iamspect's own patterns (suppressions, allowPrincipals): `*` only", () => {
  test.each([
    ['a*c', 'abc', true],
    ['a*c', 'ac', true],
    ['a*c', 'abd', false],
    ['*', '', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXcYb', false],
    ['ab*ba', 'aba', false],
    // `?` is a literal character there, as the docs of suppressions say.
    ['user/a?c', 'user/abc', false],
    ['user/a?c', 'user/a?c', true],
  ])('%s ~ %s = %s', (pattern, value, expected) => {
    expect(globMatch(pattern, value, STAR_ONLY)).toBe(expected);
  });
});

describe('IAM patterns: `*` and `?`', () => {
  test.each([
    ['user/a?c', 'user/abc', true],
    ['user/a?c', 'user/ac', false],
    ['iam:*', 'iam:PassRole', true],
  ])('%s ~ %s = %s', (pattern, value, expected) => {
    expect(globMatch(pattern, value, IAM_WILDCARDS)).toBe(expected);
  });
});
