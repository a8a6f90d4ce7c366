// Trust rules run on templates: an account other than the template's own (AWS::AccountId, or
// --account-id) is another account, and its organization membership is unknown.
import { runCli } from '../../cli-harness.js';
import { findingsOf, scanReport } from '../../builders/template.js';

const DIR = 'fixtures/templates/cases/trust';
const PARTNER = 'role-trust-cross-account arn:aws:iam::000000000000:role/partner';

describe('trust policies of templates', () => {
  test.each<[string, string[]]>([
    ['fail-cross-account-root.yaml', [PARTNER]],
    ['pass-cross-account-external-id.yaml', []],
    ['pass-own-account.yaml', []],
  ])('%s', (file, expected) => {
    expect(findingsOf(scanReport([`${DIR}/${file}`]))).toEqual(expected);
  });

  test('the message says organization membership is unknown', () => {
    const [finding] = scanReport([`${DIR}/fail-cross-account-root.yaml`]).report.findings;
    expect(finding!.message).toBe(
      'Role partner trusts 1 other account (123456789101), whose organization membership a template ' +
        'cannot tell, without requiring sts:ExternalId or MFA.',
    );
  });

  test('--account-id names the template own account: trusting it is no finding', async () => {
    const file = `${DIR}/fail-cross-account-root.yaml`;
    const own = await runCli(['template', file, '--account-id', '123456789101', '--format', 'json']);
    expect(own.code).toBe(0);
    expect(JSON.parse(own.stdout).findings).toEqual([]);
    const other = await runCli(['template', file, '--account-id', '210987654321', '--format', 'json']);
    expect(other.code).toBe(0);
    expect(JSON.parse(other.stdout).findings.map((f: { resource: string }) => f.resource)).toEqual([
      'arn:aws:iam::210987654321:role/partner',
    ]);
  });

  test('--account-id must be a 12-digit account id', async () => {
    const run = await runCli(['template', `${DIR}/pass-own-account.yaml`, '--account-id', '12345']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--account-id 12345');
  });
});
