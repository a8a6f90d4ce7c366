// Resources that share a physical name are never merged: each is judged on its own, and the
// duplicate name is a finding of its own (the stack cannot be deployed).
import { findingsOf, scanReport } from '../../builders/template.js';

const DIR = 'fixtures/templates/cases/duplicate-names';
const POLICY = 'arn:aws:iam::000000000000:policy/app-policy';

describe('duplicate physical names', () => {
  test.each<[string, string[]]>([
    [
      'fail-three-managed-policies-one-name.yaml',
      [`policy-full-admin ${POLICY}#AdminPolicy`, `template-duplicate-physical-name ${POLICY}`],
    ],
    [
      'fail-two-roles-one-name.yaml',
      ['template-duplicate-physical-name arn:aws:iam::000000000000:role/worker'],
    ],
    ['pass-distinct-names.yaml', []],
  ])('%s', (file, expected) => {
    expect(findingsOf(scanReport([`${DIR}/${file}`]))).toEqual(expected);
  });

  test('the full-admin policy is reported at its own declaration', () => {
    const run = scanReport([`${DIR}/fail-three-managed-policies-one-name.yaml`]);
    const admin = run.report.findings.find((finding) => finding.ruleId === 'policy-full-admin')!;
    expect(admin.location?.line).toBe(10);
  });
});
