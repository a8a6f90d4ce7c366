import { scanReport } from '../../builders/template.js';

test('an empty RoleName renders as the logical id, never as "role/" or "Role  has"', () => {
  const run = scanReport(['fixtures/templates/cases/empty-name/fail-empty-role-name.yaml']);
  const admin = run.report.findings.find((finding) => finding.ruleId === 'principal-full-admin')!;
  expect(admin.resource).toBe('arn:aws:iam::000000000000:role/AppRole');
  expect(admin.message).toMatch(/^Role AppRole has full admin/);
});
