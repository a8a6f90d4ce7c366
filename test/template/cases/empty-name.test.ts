import { scanReport } from '../../builders/template.js';

test('an empty RoleName renders as the logical id, never as "role/" or "Role  has"', () => {
  const run = scanReport(['fixtures/templates/cases/empty-name/fail-empty-role-name.yaml']);
  // A compute role with full admin: role-compute-admin reports it (principal-full-admin gives way).
  const admin = run.report.findings.find((finding) => finding.ruleId === 'role-compute-admin')!;
  expect(admin.resource).toBe('arn:aws:iam::000000000000:role/AppRole');
  expect(admin.message).toMatch(/^Role AppRole, assumable by /);
});
