// Policies attached to users, groups and roles the template does not declare are judged: the
// principal becomes an "external" principal of known name, and findings about it say they are a
// lower bound (what the template alone grants it).
import { findingsOf, scanReport } from '../../builders/template.js';

const DIR = 'fixtures/templates/cases/undeclared-principals';
const ROLE = 'arn:aws:iam::000000000000:role/existing-role';
const USER = 'arn:aws:iam::000000000000:user/admin';

describe('policies attached to principals the template does not declare', () => {
  test.each<[string, string[]]>([
    ['fail-policy-on-existing-role.yaml', [`policy-full-admin ${ROLE}`, `principal-full-admin ${ROLE}`]],
    [
      'fail-policy-on-existing-user.yaml',
      [`policy-full-admin ${USER}`, `principal-full-admin ${USER}`, `user-direct-policies ${USER}`],
    ],
    [
      'fail-managed-policy-on-existing-role.yaml',
      ['policy-full-admin arn:aws:iam::000000000000:policy/admin', `principal-full-admin ${ROLE}`],
    ],
    ['fail-role-policy-on-existing-role.yaml', [`policy-full-admin ${ROLE}`, `principal-full-admin ${ROLE}`]],
    ['pass-managed-policy-on-existing-role.yaml', []],
  ])('%s', (file, expected) => {
    const run = scanReport([`${DIR}/${file}`]);
    expect(findingsOf(run)).toEqual(expected);
    expect(run.report.summary.accounts.failed).toBe(0);
  });

  test('a finding about an undeclared principal says it is a lower bound', () => {
    const run = scanReport([`${DIR}/fail-policy-on-existing-role.yaml`]);
    const admin = run.report.findings.find((finding) => finding.ruleId === 'principal-full-admin')!;
    expect(admin.message).toMatch(
      /Role existing-role is not declared in the template: it has at least what the template grants it; its other permissions are unknown\.$/,
    );
    // Where the template names the role: it has no declaration to point at.
    expect(admin.location).toEqual({ file: `${DIR}/fail-policy-on-existing-role.yaml`, line: 7, column: 15 });
  });

  test('what the template does not say about an undeclared user (its groups) is not a finding', () => {
    const run = scanReport([`${DIR}/fail-policy-on-existing-user.yaml`]);
    expect(run.report.findings.map((finding) => finding.ruleId)).not.toContain('user-not-in-group');
  });
});
