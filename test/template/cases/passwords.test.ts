// A console password built with Sub or Join from literals and pseudo parameters is a literal.
import { findingsOf, scanReport } from '../../builders/template.js';

const DIR = 'fixtures/templates/cases/passwords';
const LITERAL = 'template-literal-password arn:aws:iam::000000000000:user/operator';

describe('passwords built from literals', () => {
  test.each<[string, string[]]>([
    ['fail-sub-with-pseudo-parameter.yaml', [LITERAL]],
    ['fail-join-of-literals.yaml', [LITERAL]],
    ['pass-sub-of-noecho-parameter.yaml', []],
    ['pass-sub-of-dynamic-reference.yaml', []],
  ])('%s', (file, expected) => {
    expect(findingsOf(scanReport([`${DIR}/${file}`]))).toEqual(expected);
  });
});
