import fc from 'fast-check';
import { globCovers, globPairIntersects, globsIntersect } from '../../src/policy/glob.js';
import { globMatch } from '../../src/util/glob.js';

describe('globMatch', () => {
  test.each([
    ['*', 'arn:aws:s3:::bucket', true],
    ['arn:aws:iam::*:user/*', 'arn:aws:iam::123456789012:user/dev/alice', true],
    ['arn:aws:iam::123456789012:user/a?ice', 'arn:aws:iam::123456789012:user/alice', true],
    ['arn:aws:iam::123456789012:user/a?ice', 'arn:aws:iam::123456789012:user/aice', false],
    ['iam:get*', 'iam:getuser', true],
    ['iam:get*', 'iam:listusers', false],
    ['a*b*c', 'abxxbc', true],
    ['a*b*c', 'acb', false],
    ['user/alice', 'user/alice2', false],
    ['', '', true],
  ])('%s matches %s: %s', (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected);
  });
});

describe('globsIntersect', () => {
  test.each([
    [['arn:aws:iam::1:user/*', 'arn:aws:iam::1:user/dev-*'], true],
    [['arn:aws:iam::1:user/*', 'arn:aws:iam::1:role/*'], false],
    [['arn:aws:iam::1:user/a*', '*x'], true],
    [['a*', '*b', 'a?b'], true],
    [['a?', '?b', '??c'], false],
    [['*', 'anything'], true],
    [['arn:aws:iam::aws:policy/*', 'arn:aws:iam::123456789012:policy/*'], false],
  ])('%j: %s', (patterns, expected) => {
    expect(globsIntersect(patterns)).toBe(expected);
  });

  test('two patterns derived from one string always intersect (soundness)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ':', '/'), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(
        text,
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        (s, x, y) => {
          const blur = (positions: number[], wildcard: string) => {
            const chars = [...s];
            for (const p of positions) chars[p % chars.length] = wildcard;
            return chars.join('');
          };
          expect(globsIntersect([blur(x, '*'), blur(y, '?')])).toBe(true);
        },
      ),
    );
  });
});

describe('globPairIntersects', () => {
  // Every string over a, b, c of up to 8 characters: two patterns of up to 4 characters that have a
  // common match have one among these.
  const candidates = [''];
  for (let k = 0; candidates[k]!.length < 8; k++) for (const c of 'abc') candidates.push(candidates[k] + c);

  test('agrees with a search over every short string', () => {
    const pattern = fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), maxLength: 4 });
    fc.assert(
      fc.property(pattern, pattern, (a, b) => {
        const common = candidates.some((s) => globMatch(a, s) && globMatch(b, s));
        expect(globPairIntersects(a, b)).toBe(common);
        expect(globsIntersect([a, b])).toBe(common);
      }),
      { numRuns: 300 },
    );
  });

  test('ARN patterns with many wildcards are answered at once', () => {
    expect(globPairIntersects('arn:*:lambda:*:*:function:x', 'arn:aws:lambda:*:*:function:*:*')).toBe(true);
    expect(globPairIntersects('arn:aws:rds:*:1:db:test*', 'arn:aws:lambda:*:*:function:*')).toBe(false);
  });
});

describe('globCovers', () => {
  test.each([
    ['*', 'arn:aws:iam::1:user/*', true],
    ['arn:aws:iam::1:user/*', 'arn:aws:iam::1:user/dev/*', true],
    ['arn:aws:iam::1:user/dev/*', 'arn:aws:iam::1:user/*', false],
    ['arn:aws:*', 'arn:aws:*', true],
    ['arn:*:*', 'arn:aws:*', true],
    ['arn:aws:*:*:*:*', 'arn:aws:*', false],
    ['user/a?', 'user/ab', true],
    ['user/a?', 'user/a*', false],
  ])('%s covers %s: %s', (outer, inner, expected) => {
    expect(globCovers(outer, inner)).toBe(expected);
  });

  test('never claims coverage it does not have (soundness)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), maxLength: 6 });
    const value = fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 6 });
    fc.assert(
      fc.property(text, text, value, (outer, inner, candidate) => {
        if (globCovers(outer, inner) && globMatch(inner, candidate)) {
          expect(globMatch(outer, candidate)).toBe(true);
        }
      }),
    );
  });
});
