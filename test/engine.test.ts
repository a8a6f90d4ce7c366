import { z } from 'zod';
import type { Config } from '../src/config.js';
import { evaluate } from '../src/engine/report.js';
import { isExpired } from '../src/engine/suppressions.js';
import { resolveRules } from '../src/engine/resolve-rules.js';
import { exitCodeFor } from '../src/report/exit-code.js';
import { fingerprint } from '../src/report/fingerprint.js';
import type { AccountInput } from '../src/snapshot/account-input.js';
import { InputError } from '../src/errors.js';
import type { AnyRule, Finding } from '../src/rules/types.js';
import { defineRule } from '../src/rules/types.js';
import { RULES } from '../src/rules/index.js';
import { normalizeAuthorizationDetails } from '../src/snapshot/authorization-details.js';
import {
  activeKey,
  emptySnapshot,
  role,
  user,
  userRow,
  withAuthorizationDetails,
  withCredentialReport,
  withFailedSection,
  withSection,
} from './builders/snapshot.js';

const TODAY = new Date('2026-06-15T12:00:00Z');

function testRule(
  id: string,
  findings: (options: { limit: number }) => Finding[],
  extra: Partial<AnyRule> = {},
): AnyRule {
  return defineRule({
    id,
    title: `Test rule ${id}`,
    severity: 'high',
    needs: ['credentialReport'],
    options: z.object({ limit: z.number().int().positive().default(10) }).strict(),
    docs: { rationale: 'r', remediation: 'm', references: [] },
    frameworks: {},
    check: ({ options }) => findings(options as { limit: number }),
    ...extra,
  } as Parameters<typeof defineRule>[0]);
}

const alice = 'arn:aws:iam::123456789012:user/alice';
const bob = 'arn:aws:iam::123456789012:user/bob';
const findsAliceAndBob = testRule('finds-users', () => [
  { resource: alice, message: 'alice is bad' },
  { resource: bob, message: 'bob is bad', severity: 'low' },
]);
const ok = withCredentialReport(emptySnapshot(), [userRow('alice')]);

function run(accounts: AccountInput[], rules: AnyRule[], config: Config = {}) {
  return evaluate(accounts, resolveRules(rules, config), {
    today: TODAY,
    failOn: config.failOn ?? 'high',
    suppressions: config.suppressions ?? [],
  });
}

describe('rules whose data is missing', () => {
  test.each(['denied', 'error', 'skipped'] as const)(
    'a %s section makes the rule not evaluated, never a pass',
    (status) => {
      const snapshot = withFailedSection(
        emptySnapshot(),
        'credentialReport',
        status,
        'iam:GetCredentialReport',
      );
      const report = run([{ snapshot }], [findsAliceAndBob]);
      expect(report.findings).toHaveLength(0);
      expect(report.notEvaluated).toEqual([
        expect.objectContaining({
          ruleId: 'finds-users',
          reason: expect.stringContaining('credentialReport'),
        }),
      ]);
      if (status === 'denied') expect(report.notEvaluated[0]!.reason).toContain('iam:GetCredentialReport');
      expect(exitCodeFor(report, false)).toBe(3);
      expect(exitCodeFor(report, true)).toBe(0);
    },
  );

  test.each([
    ['denied', 'credentialReport: access denied to iam:GetCredentialReport: denied in test'],
    ['skipped', 'credentialReport not collected (iam:GetCredentialReport): skipped in test'],
    ['error', 'credentialReport collection failed (iam:GetCredentialReport): error in test'],
  ] as const)('the reason for a %s section reads as a sentence', (status, reason) => {
    const snapshot = withFailedSection(
      emptySnapshot(),
      'credentialReport',
      status,
      'iam:GetCredentialReport',
    );
    expect(run([{ snapshot }], [findsAliceAndBob]).notEvaluated[0]!.reason).toBe(reason);
  });

  test('an absent section is not evaluated too', () => {
    const report = run([{ snapshot: emptySnapshot() }], [findsAliceAndBob]);
    expect(report.notEvaluated[0]!.reason).toBe('credentialReport was not collected');
  });
});

test('a rule that throws is a rule error, reported and never a pass', () => {
  const crashing = testRule('crashes', () => {
    throw new Error('boom');
  });
  const report = run([{ snapshot: ok }], [crashing, findsAliceAndBob]);
  expect(report.ruleErrors).toEqual([{ ruleId: 'crashes', accountId: '123456789012', message: 'boom' }]);
  expect(report.findings).toHaveLength(2);
  expect(exitCodeFor(report, false)).toBe(1);
});

describe('rules that could not judge some resources', () => {
  function unsure(gaps: Array<[resource: string, reason: string]>, findings: Finding[] = []): AnyRule {
    return testRule('unsure', () => findings, {
      check: ({ notEvaluated }) => {
        for (const [resource, reason] of gaps) notEvaluated(resource, reason);
        return findings;
      },
    });
  }

  test('each resource is a not-evaluated entry naming it, and the run is incomplete', () => {
    const report = run([{ snapshot: ok }], [unsure([[alice, 'policy p of alice could not be decoded']])]);
    expect(report.notEvaluated).toEqual([
      {
        ruleId: 'unsure',
        accountId: '123456789012',
        resource: alice,
        reason: 'policy p of alice could not be decoded',
        sections: [],
      },
    ]);
    expect(report.summary.notEvaluated).toBe(1);
    expect(exitCodeFor(report, false)).toBe(3);
    expect(exitCodeFor(report, true)).toBe(0);
  });

  test('one entry per resource: its distinct reasons are joined in the order given', () => {
    const report = run(
      [{ snapshot: ok }],
      [
        unsure([
          [alice, 'key 1 date is wrong'],
          [bob, 'key 1 date is wrong'],
          [alice, 'key 2 date is wrong'],
          [alice, 'key 1 date is wrong'],
        ]),
      ],
    );
    expect(report.notEvaluated.map((n) => [n.resource, n.reason])).toEqual([
      [alice, 'key 1 date is wrong; key 2 date is wrong'],
      [bob, 'key 1 date is wrong'],
    ]);
  });

  test('a failing finding on another resource still fails the gate (exit 1)', () => {
    const report = run([{ snapshot: ok }], [unsure([[alice, 'unknown']], [{ resource: bob, message: 'm' }])]);
    expect(report.findings).toHaveLength(1);
    expect(exitCodeFor(report, false)).toBe(1);
  });

  test('a rule that throws after reporting a gap is one rule error, not also a gap', () => {
    const crashing = testRule('unsure-crash', () => [], {
      check: ({ notEvaluated }) => {
        notEvaluated(alice, 'unknown');
        throw new Error('boom');
      },
    });
    const report = run([{ snapshot: ok }], [crashing]);
    expect(report.notEvaluated).toEqual([]);
    expect(report.ruleErrors).toHaveLength(1);
  });
});

describe('a policy document that cannot be decoded', () => {
  // As GetAccountAuthorizationDetails would return it had some tool URL-encoded it once more.
  const twice = encodeURIComponent(
    encodeURIComponent(
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }),
    ),
  );
  const details = normalizeAuthorizationDetails(
    [
      {
        UserDetailList: [
          {
            UserName: 'alice',
            UserId: 'AIDAEXAMPLEUSER00001',
            Arn: alice,
            UserPolicyList: [{ PolicyName: 'limits', PolicyDocument: twice }],
            AttachedManagedPolicies: [
              { PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
            ],
          },
        ],
      },
    ],
    'test',
  );
  const snapshot = withSection(emptySnapshot(), 'authorizationDetails', details);
  const selected = ['policy-invalid', 'principal-full-admin', 'principal-privilege-escalation'];

  test('the principal rules do not judge its holder, policy-invalid reports it, and the run is incomplete', () => {
    const report = evaluate([{ snapshot }], resolveRules(RULES, {}, { only: selected }), {
      today: TODAY,
      failOn: 'critical',
    });
    expect(report.notEvaluated.map((n) => [n.ruleId, n.resource])).toEqual([
      ['principal-full-admin', alice],
      ['principal-privilege-escalation', alice],
    ]);
    expect(report.notEvaluated[0]!.reason).toMatch(
      /^Inline policy limits of user alice could not be decoded \(policy document is not valid JSON .*\): what it grants or denies is unknown$/,
    );
    expect(report.findings.map((f) => [f.ruleId, f.resource])).toEqual([['policy-invalid', alice]]);
    expect(exitCodeFor(report, false)).toBe(3);
    expect(exitCodeFor(report, true)).toBe(0);
  });
});

describe('dates after the collection time', () => {
  // Every source (snapshot file, AWS CLI outputs, live collection) ends in this snapshot model, and
  // the rules and the engine judge only the model, so one check covers them all.
  const nextYear = '2027-06-15T12:00:00.000Z';
  const rotatedNextYear = withCredentialReport(emptySnapshot(), [
    userRow('alice', {
      accessKeys: [
        { ...activeKey(10, 1), lastRotated: nextYear },
        { ...activeKey(10, 1), lastUsedDate: nextYear },
      ],
    }),
  ]);
  const rules = () =>
    resolveRules(RULES, {}, { only: ['user-access-key-rotation', 'user-unused-access-key'] });

  test('the rules reading the date do not judge the user; one warning per user and field; exit 3', () => {
    const report = evaluate([{ snapshot: rotatedNextYear }], rules(), { today: TODAY });
    expect(report.notEvaluated.map((n) => [n.ruleId, n.resource])).toEqual([
      ['user-access-key-rotation', alice],
      ['user-unused-access-key', alice],
    ]);
    expect(report.findings).toEqual([]);
    expect(report.warnings).toEqual([
      'Credential report: access_key_1_last_rotated of alice is 2027-06-15 12:00 UTC, after the collection time 2026-06-15 12:00 UTC: the clock or the file is wrong.',
      'Credential report: access_key_2_last_used_date of alice is 2027-06-15 12:00 UTC, after the collection time 2026-06-15 12:00 UTC: the clock or the file is wrong.',
    ]);
    expect(exitCodeFor(report, false)).toBe(3);
    expect(exitCodeFor(report, true)).toBe(0);
  });

  test('roles and users of the authorization details are checked too', () => {
    const snapshot = withAuthorizationDetails(emptySnapshot(), {
      users: [user('carol', { createDate: nextYear })],
      roles: [role('app', { lastUsed: { date: nextYear, region: 'eu-west-1' } })],
    });
    const report = evaluate([{ snapshot }], resolveRules(RULES, {}, { only: ['role-unused'] }), {
      today: TODAY,
    });
    expect(report.notEvaluated.map((n) => [n.ruleId, n.resource])).toEqual([
      ['role-unused', 'arn:aws:iam::123456789012:role/app'],
    ]);
    expect(report.warnings).toEqual([
      'Authorization details: CreateDate of user carol is 2027-06-15 12:00 UTC, after the collection time 2026-06-15 12:00 UTC: the clock or the file is wrong.',
      'Authorization details: RoleLastUsed.LastUsedDate of role app is 2027-06-15 12:00 UTC, after the collection time 2026-06-15 12:00 UTC: the clock or the file is wrong.',
    ]);
  });

  test('password_next_rotation is meant to lie ahead: no warning', () => {
    const snapshot = withCredentialReport(emptySnapshot(), [
      userRow('alice', { passwordEnabled: true, passwordNextRotation: nextYear }),
    ]);
    expect(evaluate([{ snapshot }], rules(), { today: TODAY }).warnings).toEqual([]);
  });
});

describe('exit codes', () => {
  const lowOnly = testRule('low-only', () => [{ resource: bob, message: 'm' }], { severity: 'low' });
  test.each([
    ['clean', [] as AnyRule[], 'high', 0],
    ['finding at fail-on', [findsAliceAndBob], 'high', 1],
    ['finding below fail-on', [lowOnly], 'medium', 0],
    ['finding exactly at fail-on', [lowOnly], 'low', 1],
    ['fail-on none never fails', [findsAliceAndBob], 'none', 0],
  ] as const)('%s', (_name, rules, failOn, code) => {
    const report = run([{ snapshot: ok }], [...rules], { failOn });
    expect(exitCodeFor(report, false)).toBe(code);
  });

  test('findings beat incompleteness: exit 1 even when another rule was not evaluated', () => {
    const needsPolicy = testRule('needs-policy', () => [], { needs: ['passwordPolicy'] });
    const report = run([{ snapshot: ok }], [findsAliceAndBob, needsPolicy]);
    expect(exitCodeFor(report, false)).toBe(1);
  });

  test('a failed account makes the run incomplete', () => {
    const report = run(
      [{ snapshot: ok }, { accountId: '222222222222', status: 'failed', reason: 'AssumeRole denied' }],
      [],
    );
    expect(report.summary.accounts).toEqual({ audited: 1, failed: 1, skipped: 0 });
    expect(exitCodeFor(report, false)).toBe(3);
  });
});

describe('severity', () => {
  test('a finding may carry its own severity; a configured severity overrides both', () => {
    const report = run([{ snapshot: ok }], [findsAliceAndBob]);
    expect(report.findings.map((f) => [f.resource, f.severity])).toEqual([
      [alice, 'high'],
      [bob, 'low'],
    ]);
    const overridden = run([{ snapshot: ok }], [findsAliceAndBob], {
      rules: { 'finds-users': { severity: 'medium' } },
    });
    expect(overridden.findings.map((f) => f.severity)).toEqual(['medium', 'medium']);
  });
});

describe('rule selection and options', () => {
  const optional = testRule('optional', () => [{ resource: alice, message: 'm' }], {
    enabledByDefault: false,
  });
  test('off-by-default rules run only when enabled or named', () => {
    expect(resolveRules([optional], {}).map((r) => r.rule.id)).toEqual([]);
    expect(resolveRules([optional], { rules: { optional: { enabled: true } } })).toHaveLength(1);
    expect(resolveRules([optional], {}, { only: ['optional'] })).toHaveLength(1);
  });
  test('enable/disable, --rules and --exclude-rules', () => {
    const other = testRule('other', () => []);
    expect(
      resolveRules([findsAliceAndBob, other], { rules: { other: { enabled: false } } }).map((r) => r.rule.id),
    ).toEqual(['finds-users']);
    expect(resolveRules([findsAliceAndBob, other], {}, { only: ['other'] }).map((r) => r.rule.id)).toEqual([
      'other',
    ]);
    expect(resolveRules([findsAliceAndBob, other], {}, { exclude: ['other'] }).map((r) => r.rule.id)).toEqual(
      ['finds-users'],
    );
  });
  test('options are validated by the rule schema and defaults applied', () => {
    expect(resolveRules([findsAliceAndBob], {})[0]!.options).toEqual({ limit: 10 });
    expect(
      resolveRules([findsAliceAndBob], { rules: { 'finds-users': { options: { limit: 3 } } } })[0]!.options,
    ).toEqual({
      limit: 3,
    });
    expect(() =>
      resolveRules(
        [findsAliceAndBob],
        { rules: { 'finds-users': { options: { limit: -1 } } } },
        {},
        '.iamspect.yml',
      ),
    ).toThrow(/\.iamspect\.yml: rules\.finds-users\.options\.limit/);
    expect(() =>
      resolveRules([findsAliceAndBob], { rules: { 'finds-users': { options: { limt: 3 } } } }),
    ).toThrow(/config: rules\.finds-users\.options: unknown key "limt"/);
  });
  test.each([
    [{ rules: { 'no-such-rule': {} } }, {}, /rules\.no-such-rule: unknown rule id/],
    [
      { suppressions: [{ rule: 'no-such-rule', resource: '*', reason: 'x' }] },
      {},
      /suppressions rule: unknown rule id/,
    ],
    [{}, { only: ['no-such-rule'] }, /--rules: unknown rule id "no-such-rule"/],
    [{}, { exclude: ['no-such-rule'] }, /--exclude-rules: unknown rule id/],
  ])('an unknown rule id is an input error (%#)', (config, selection, message) => {
    expect(() => resolveRules([findsAliceAndBob], config as Config, selection)).toThrow(InputError);
    expect(() => resolveRules([findsAliceAndBob], config as Config, selection)).toThrow(message);
  });
  test('an alias selects the renamed rule', () => {
    const renamed = testRule('new-name', () => [], { aliases: ['old-name'] });
    expect(resolveRules([renamed], {}, { only: ['old-name'] }).map((r) => r.rule.id)).toEqual(['new-name']);
  });
});

describe('suppressions', () => {
  test.each([
    [alice, true],
    ['arn:aws:iam::123456789012:user/*', true],
    ['arn:aws:iam::123456789012:user/ali*', true],
    ['arn:aws:iam::123456789012:user/alic', false],
    ['user/alice', false],
    ['*alice', true],
    ['arn:*:user/alice', true],
  ])('resource %s matches alice: %s', (resource, matches) => {
    const report = run([{ snapshot: ok }], [findsAliceAndBob], {
      suppressions: [{ rule: 'finds-users', resource, reason: 'accepted' }],
    });
    const aliceFinding = report.findings.find((f) => f.resource === alice)!;
    expect(Boolean(aliceFinding.suppressed)).toBe(matches);
  });

  test('suppressed findings stay in the report, with the reason, and do not fail the gate', () => {
    const report = run([{ snapshot: ok }], [findsAliceAndBob], {
      suppressions: [
        { rule: 'finds-users', resource: alice, reason: 'break-glass user', expires: '2026-07-01' },
      ],
    });
    expect(report.findings.find((f) => f.resource === alice)!.suppressed).toEqual({
      reason: 'break-glass user',
      resource: alice,
      expires: '2026-07-01',
    });
    expect(report.summary.suppressed).toBe(1);
    expect(exitCodeFor(report, false)).toBe(0);
  });

  test('an expired suppression stops applying and warns; the expiry day itself still applies', () => {
    const expired = run([{ snapshot: ok }], [findsAliceAndBob], {
      suppressions: [{ rule: 'finds-users', resource: alice, reason: 'temporary', expires: '2026-06-14' }],
    });
    expect(expired.findings.find((f) => f.resource === alice)!.suppressed).toBeUndefined();
    expect(expired.warnings).toEqual([expect.stringContaining('expired on 2026-06-14')]);
    expect(isExpired({ rule: 'r', resource: '*', reason: 'x', expires: '2026-06-15' }, TODAY)).toBe(false);
    expect(isExpired({ rule: 'r', resource: '*', reason: 'x', expires: '2026-06-14' }, TODAY)).toBe(true);
  });

  test('a suppression for another rule does not apply', () => {
    const other = testRule('other', () => []);
    const report = run([{ snapshot: ok }], [findsAliceAndBob, other], {
      suppressions: [{ rule: 'other', resource: '*', reason: 'x' }],
    });
    expect(report.summary.suppressed).toBe(0);
  });
});

describe('fingerprints', () => {
  test('depend on rule, account, resource and discriminator, not on the message', () => {
    expect(fingerprint('r', '1', 'arn', 'key1')).toBe(fingerprint('r', '1', 'arn', 'key1'));
    expect(fingerprint('r', '1', 'arn', 'key1')).not.toBe(fingerprint('r', '1', 'arn', 'key2'));
    expect(fingerprint('r', '1', 'arn')).not.toBe(fingerprint('r', '2', 'arn'));
    const reworded = testRule('finds-users', () => [{ resource: alice, message: 'alice, in other words' }]);
    const a = run([{ snapshot: ok }], [findsAliceAndBob]).findings.find((f) => f.resource === alice)!;
    const b = run([{ snapshot: ok }], [reworded]).findings[0]!;
    expect(b.fingerprint).toBe(a.fingerprint);
  });
  test('no ambiguity between fields that concatenate alike', () => {
    expect(fingerprint('r', '1', 'ab', 'c')).not.toBe(fingerprint('r', '1', 'a', 'bc'));
  });
});

test('rules see the snapshot collectedAt as now, not the wall clock', () => {
  let seen: Date | undefined;
  const clock = defineRule({
    id: 'clock',
    title: 'Clock',
    severity: 'info',
    needs: [],
    options: z.object({}).strict(),
    docs: { rationale: 'r', remediation: 'm', references: [] },
    frameworks: {},
    check: ({ now }) => {
      seen = now;
      return [];
    },
  });
  run([{ snapshot: ok }], [clock]);
  expect(seen).toEqual(new Date(ok.collectedAt));
});

describe('one problem, one finding: a rule superseded by a more specific one', () => {
  // "broad" reports every user without a control; "specific" reports alice, for whom the missing
  // control matters most. Both would report alice: only the specific finding should remain.
  const specific = testRule('specific', () => [{ resource: alice, message: 'alice, specifically' }], {
    frameworks: { 'aws-security-hub': ['X.2'] },
  });
  const broad = testRule(
    'broad',
    () => [
      { resource: alice, message: 'alice, broadly' },
      { resource: bob, message: 'bob, broadly' },
    ],
    { supersededBy: ['specific'], frameworks: { 'cis-aws-5.0': ['1.9'], 'aws-security-hub': ['X.1'] } },
  );
  const reported = (report: ReturnType<typeof run>) =>
    report.findings.map((finding) => `${finding.ruleId} ${finding.resource.split('/').pop()}`).sort();

  test('the general finding on the same resource is dropped; other resources keep theirs', () => {
    expect(reported(run([{ snapshot: ok }], [broad, specific]))).toEqual(['broad bob', 'specific alice']);
  });

  test('the kept finding carries the framework controls of the one it replaced', () => {
    const report = run([{ snapshot: ok }], [broad, specific]);
    expect(report.findings.find((f) => f.ruleId === 'specific')?.frameworks).toEqual({
      'aws-security-hub': ['X.2', 'X.1'],
      'cis-aws-5.0': ['1.9'],
    });
  });

  test('a rule that supersedes through another passes the controls on to the finding that stays', () => {
    const middle = testRule('middle', () => [{ resource: alice, message: 'alice, middling' }], {
      supersededBy: ['specific'],
      frameworks: { 'cis-aws-5.0': ['1.10'] },
    });
    const broadest = testRule('broadest', () => [{ resource: alice, message: 'alice, broadly' }], {
      supersededBy: ['middle', 'specific'],
      frameworks: { 'cis-aws-5.0': ['1.9'] },
    });
    const report = run([{ snapshot: ok }], [broadest, middle, specific]);
    expect(reported(report)).toEqual(['specific alice']);
    expect(report.findings[0]!.frameworks).toEqual({
      'aws-security-hub': ['X.2'],
      'cis-aws-5.0': ['1.9', '1.10'],
    });
  });

  test('a different discriminator is a different thing (two inline policies of one user)', () => {
    const inlineSpecific = testRule('specific', () => [
      { resource: alice, discriminator: 'admin-policy', message: 'admin policy' },
    ]);
    const inlineBroad = testRule(
      'broad',
      () => [
        { resource: alice, discriminator: 'admin-policy', message: 'admin policy, broadly' },
        { resource: alice, discriminator: 'other-policy', message: 'other policy, broadly' },
      ],
      { supersededBy: ['specific'] },
    );
    const report = run([{ snapshot: ok }], [inlineBroad, inlineSpecific]);
    expect(report.findings.map((f) => `${f.ruleId} ${f.discriminator}`).sort()).toEqual([
      'broad other-policy',
      'specific admin-policy',
    ]);
  });

  test('the same resource in another account is a different thing', () => {
    const otherAccount = { ...ok, accountId: '210987654321' };
    const specificInFirstAccount = testRule('specific', () => [], {
      check: ({ snapshot }) =>
        snapshot.accountId === ok.accountId ? [{ resource: alice, message: 'alice, specifically' }] : [],
    });
    const report = run([{ snapshot: ok }, { snapshot: otherAccount }], [broad, specificInFirstAccount]);
    expect(
      report.findings.map((f) => `${f.ruleId} ${f.accountId} ${f.resource.split('/').pop()}`).sort(),
    ).toEqual([
      'broad 123456789012 bob',
      'broad 210987654321 alice',
      'broad 210987654321 bob',
      'specific 123456789012 alice',
    ]);
  });

  test('the general finding stays when the specific rule is disabled in config', () => {
    const report = run([{ snapshot: ok }], [broad, specific], { rules: { specific: { enabled: false } } });
    expect(reported(report)).toEqual(['broad alice', 'broad bob']);
  });

  test('the general finding stays when the specific rule is not selected', () => {
    const report = evaluate([{ snapshot: ok }], resolveRules([broad, specific], {}, { only: ['broad'] }), {
      today: TODAY,
    });
    expect(reported(report)).toEqual(['broad alice', 'broad bob']);
  });

  test('the general finding stays when the specific rule could not be evaluated', () => {
    const needsSummary = testRule('specific', () => [{ resource: alice, message: 'alice' }], {
      needs: ['credentialReport', 'accountSummary'],
    });
    const snapshot = withFailedSection(ok, 'accountSummary', 'denied', 'iam:GetAccountSummary');
    const report = run([{ snapshot }], [broad, needsSummary]);
    expect(report.notEvaluated.map((n) => n.ruleId)).toEqual(['specific']);
    expect(reported(report)).toEqual(['broad alice', 'broad bob']);
  });

  test('the general finding stays when the specific rule failed with an error', () => {
    const throwing = testRule('specific', () => {
      throw new Error('boom');
    });
    const report = run([{ snapshot: ok }], [broad, throwing]);
    expect(reported(report)).toEqual(['broad alice', 'broad bob']);
  });

  test('a suppressed specific finding still covers the problem: the general one does not come back', () => {
    const report = run([{ snapshot: ok }], [broad, specific], {
      suppressions: [{ rule: 'specific', resource: alice, reason: 'break-glass user, MFA in the safe' }],
    });
    expect(reported(report)).toEqual(['broad bob', 'specific alice']);
    expect(report.findings.find((f) => f.ruleId === 'specific')?.suppressed).toBeDefined();
  });

  test('a severity override of either rule does not change what is dropped', () => {
    const report = run([{ snapshot: ok }], [broad, specific], {
      rules: { broad: { severity: 'critical' }, specific: { severity: 'info' } },
    });
    expect(reported(report)).toEqual(['broad bob', 'specific alice']);
  });
});
