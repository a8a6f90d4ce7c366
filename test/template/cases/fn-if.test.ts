// Fn::If at any depth: a condition the template decides picks its branch; an unknown one takes
// both, and a finding that depends on it names the condition.
import { findingsOf, scanReport } from '../../builders/template.js';

const DIR = 'fixtures/templates/cases/fn-if';

describe('Fn::If at any depth', () => {
  test.each<[string, string[]]>([
    [
      'fail-policies-property-unknown-condition.yaml',
      [
        'policy-full-admin arn:aws:iam::000000000000:role/app',
        'role-compute-admin arn:aws:iam::000000000000:role/app',
      ],
    ],
    [
      'fail-policies-property-known-condition.yaml',
      [
        'policy-full-admin arn:aws:iam::000000000000:user/app',
        'principal-full-admin arn:aws:iam::000000000000:user/app',
        'user-direct-policies arn:aws:iam::000000000000:user/app',
      ],
    ],
    ['pass-policies-property-known-false.yaml', []],
    [
      'fail-resource-deep-unknown-condition.yaml',
      ['policy-full-admin arn:aws:iam::000000000000:policy/deploy'],
    ],
    ['pass-deny-behind-unknown-condition.yaml', []],
    [
      'fail-allow-with-deny-behind-unknown-condition.yaml',
      ['policy-full-admin arn:aws:iam::000000000000:policy/everything'],
    ],
  ])('%s', (file, expected) => {
    expect(findingsOf(scanReport([`${DIR}/${file}`]))).toEqual(expected);
  });

  test.each([
    ['fail-policies-property-unknown-condition.yaml', 'IsProd'],
    ['fail-resource-deep-unknown-condition.yaml', 'IsDev'],
    ['fail-allow-with-deny-behind-unknown-condition.yaml', 'IsLocked'],
  ])('a finding that depends on an unknown condition names it: %s', (file, condition) => {
    const [finding] = scanReport([`${DIR}/${file}`]).report.findings;
    expect(finding!.message).toContain(
      `Depends on the template's condition ${condition}, known only at deploy time: both branches were judged.`,
    );
  });

  test('a finding that does not depend on a condition does not name one', () => {
    const run = scanReport([`${DIR}/fail-policies-property-known-condition.yaml`]);
    for (const finding of run.report.findings) expect(finding.message).not.toContain('condition');
  });
});
