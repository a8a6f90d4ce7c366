// The missing-MFA rules overlap: an administrator without MFA is also a console user without MFA
// and a user without MFA. Users want that problem once, from the most specific rule that saw it,
// and the broader rules back whenever the specific one did not run.
import type { Config } from '../../src/config.js';
import { evaluate } from '../../src/engine/report.js';
import { resolveRules } from '../../src/engine/resolve-rules.js';
import type { Report } from '../../src/report/model.js';
import { RULES } from '../../src/rules/index.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { runCli } from '../cli-harness.js';
import { ADMINISTRATOR_ACCESS, accountWith, iamResource, inlinePolicy } from '../builders/policies.js';
import {
  activeKey,
  emptySnapshot,
  noKey,
  role,
  user,
  userRow,
  withAuthorizationDetails,
  withCredentialReport,
  withFailedSection,
} from '../builders/snapshot.js';

const MFA_RULES = new Set(['user-admin-without-mfa', 'user-console-without-mfa', 'user-without-mfa']);

/** "user -> rule" for every missing-MFA finding of the report. */
function mfaFindings(report: Pick<Report, 'findings'>): string[] {
  return report.findings
    .filter((finding) => MFA_RULES.has(finding.ruleId))
    .map((finding) => `${finding.resource.split('/').pop()} -> ${finding.ruleId}`)
    .sort();
}

// admin: console password and AdministratorAccess; carol: console password only; ci: an access key only.
const account: Snapshot = withAuthorizationDetails(
  withCredentialReport(emptySnapshot(), [
    userRow('admin', { passwordEnabled: true }),
    userRow('carol', { passwordEnabled: true }),
    userRow('ci', { accessKeys: [activeKey(10, 1), noKey()] }),
  ]),
  { users: [user('admin', { attachedPolicies: [ADMINISTRATOR_ACCESS] }), user('carol'), user('ci')] },
);

function audit(snapshot: Snapshot, config: Config = {}): Report {
  return evaluate([{ snapshot }], resolveRules(RULES, config), { today: new Date(snapshot.collectedAt) });
}

describe('one missing MFA, one finding', () => {
  test("the demo's admin user is reported by user-admin-without-mfa alone", async () => {
    const { stdout } = await runCli(['audit', '--demo', '--format', 'json']);
    const findings = mfaFindings(JSON.parse(stdout) as Report);
    expect(findings.filter((finding) => finding.startsWith('admin '))).toEqual([
      'admin -> user-admin-without-mfa',
    ]);
  });

  test('each user gets the most specific rule that applies to it', () => {
    expect(mfaFindings(audit(account))).toEqual([
      'admin -> user-admin-without-mfa',
      'carol -> user-console-without-mfa',
      'ci -> user-without-mfa',
    ]);
  });

  test('the kept finding answers for the framework controls of the findings it replaced', () => {
    const adminFinding = audit(account).findings.find((f) => f.ruleId === 'user-admin-without-mfa');
    expect(adminFinding?.frameworks).toMatchObject({
      'cis-aws-5.0': ['1.9'],
      'aws-security-hub': expect.arrayContaining(['IAM.5', 'IAM.19']),
    });
  });

  test.each<{ name: string; disabled: string[]; admin: string }>([
    {
      name: 'user-admin-without-mfa disabled: the console rule reports admin',
      disabled: ['user-admin-without-mfa'],
      admin: 'user-console-without-mfa',
    },
    {
      name: 'both specific rules disabled: the broad rule reports admin',
      disabled: ['user-admin-without-mfa', 'user-console-without-mfa'],
      admin: 'user-without-mfa',
    },
  ])('$name', ({ disabled, admin }) => {
    const rules = Object.fromEntries(disabled.map((id) => [id, { enabled: false }]));
    const findings = mfaFindings(audit(account, { rules }));
    expect(findings.filter((finding) => finding.startsWith('admin '))).toEqual([`admin -> ${admin}`]);
  });

  test('user-admin-without-mfa not evaluated (authorization details denied): the console rule reports admin', () => {
    const denied = withFailedSection(
      account,
      'authorizationDetails',
      'denied',
      'iam:GetAccountAuthorizationDetails',
    );
    const report = audit(denied);
    expect(report.notEvaluated.map((n) => n.ruleId)).toContain('user-admin-without-mfa');
    expect(mfaFindings(report)).toEqual([
      'admin -> user-console-without-mfa',
      'carol -> user-console-without-mfa',
      'ci -> user-without-mfa',
    ]);
  });
});

describe('other rules that report one problem twice', () => {
  const everythingButNothing = inlinePolicy('everything', {
    Effect: 'Allow',
    NotAction: ['iam:NoSuchAction'],
    Resource: ['*'],
  });
  // Each case: a snapshot on which both rules would report `resource`; the specific one must win.
  test.each<{ general: string; specific: string; snapshot: Snapshot; resource: string }>([
    {
      general: 'principal-full-admin',
      specific: 'role-compute-admin',
      snapshot: accountWith({ roles: [role('app', { attachedPolicies: [ADMINISTRATOR_ACCESS] })] }),
      resource: iamResource('role/app'),
    },
    {
      general: 'policy-not-action-allow',
      specific: 'policy-full-admin',
      snapshot: accountWith({ users: [user('eve', { inlinePolicies: [everythingButNothing] })] }),
      resource: iamResource('user/eve'),
    },
  ])(
    '$general gives way to $specific, and comes back when it is disabled',
    ({ general, specific, snapshot, resource }) => {
      const byRule = (report: Report) =>
        report.findings
          .filter((finding) => finding.resource === resource && [general, specific].includes(finding.ruleId))
          .map((finding) => finding.ruleId);
      expect(byRule(audit(snapshot))).toEqual([specific]);
      expect(byRule(audit(snapshot, { rules: { [specific]: { enabled: false } } }))).toEqual([general]);
    },
  );
});

describe('the rules catalogue says which rule a finding gives way to', () => {
  test('`iamspect rules --format json` lists supersededBy for every rule', async () => {
    const rules = JSON.parse((await runCli(['rules', '--format', 'json'])).stdout) as Array<{
      id: string;
      supersededBy: string[];
    }>;
    expect(rules.find((rule) => rule.id === 'user-without-mfa')?.supersededBy).toEqual([
      'user-console-without-mfa',
      'user-admin-without-mfa',
    ]);
    expect(rules.find((rule) => rule.id === 'root-mfa')?.supersededBy).toEqual([]);
  });

  test('the markdown catalogue (docs/rules.md) names the rules under the general one', async () => {
    const markdown = (await runCli(['rules', '--format', 'markdown'])).stdout;
    const section = markdown.slice(markdown.indexOf('## user-without-mfa'));
    expect(section).toContain(
      '- Not repeated when `user-console-without-mfa` or `user-admin-without-mfa` reports the same resource',
    );
  });
});
