// access-invariant-violated: each kind of invariant with the case that breaks it and the nearest
// case that does not; then the config file path (top-level `invariants`, validated strictly).
import { afterAll } from '@jest/globals';
import { join } from 'node:path';
import { parseConfig } from '../../../src/config.js';
import { accessInvariantViolated } from '../../../src/rules/policy/access-invariant-violated.js';
import type { RoleDetail, UserDetail } from '../../../src/snapshot/schema.js';
import {
  ADMINISTRATOR_ACCESS,
  accountWith,
  iamResource,
  inlinePolicy,
  trustPolicy,
} from '../../builders/policies.js';
import { runRule } from '../../builders/rules.js';
import { allow, role, user } from '../../builders/snapshot.js';
import { removeTempDirs, tempDirWith } from '../../builders/temp-dir.js';
import { runCli } from '../../cli-harness.js';

const ciNeverAdmin = { id: 'ci-never-admin', principals: 'role/ci-*', never: 'admin' as const };
const keysOnlyBreakGlass = {
  id: 'keys-break-glass',
  action: 'iam:CreateAccessKey',
  only: ['role/break-glass'],
};
const keys = inlinePolicy('keys', allow(['iam:CreateAccessKey']));
const adminByTrust = (trusted: string) =>
  role('admin', { trustPolicy: trustPolicy({ AWS: [trusted] }), attachedPolicies: [ADMINISTRATOR_ACCESS] });

interface Case {
  name: string;
  users?: UserDetail[];
  roles: RoleDetail[];
  invariant: typeof ciNeverAdmin | typeof keysOnlyBreakGlass;
  expected: string[];
}

describe('access-invariant-violated', () => {
  test.each<Case>([
    {
      name: 'a CI role that reaches admin by assuming a role trusting it',
      roles: [role('ci-deploy'), adminByTrust(iamResource('role/ci-deploy'))],
      invariant: ciNeverAdmin,
      expected: [
        'Invariant ci-never-admin (role/ci-* never admin): role ci-deploy can reach full admin: role ci-deploy -> role admin (assume-role-trusted-by-arn).',
      ],
    },
    {
      name: 'the admin role trusts another role',
      roles: [role('ci-deploy'), role('ops'), adminByTrust(iamResource('role/ops'))],
      invariant: ciNeverAdmin,
      expected: [],
    },
    {
      name: 'a CI role that is admin itself',
      roles: [role('ci-admin', { attachedPolicies: [ADMINISTRATOR_ACCESS] })],
      invariant: ciNeverAdmin,
      expected: ['Invariant ci-never-admin (role/ci-* never admin): role ci-admin has full admin.'],
    },
    {
      name: 'someone besides break-glass may create access keys',
      users: [user('helpdesk', { inlinePolicies: [keys] })],
      roles: [role('break-glass', { inlinePolicies: [keys] })],
      invariant: keysOnlyBreakGlass,
      expected: [
        'Invariant keys-break-glass (only role/break-glass may iam:CreateAccessKey): user helpdesk may iam:CreateAccessKey on *.',
      ],
    },
    {
      name: 'only break-glass may',
      users: [user('helpdesk')],
      roles: [role('break-glass', { inlinePolicies: [keys] })],
      invariant: keysOnlyBreakGlass,
      expected: [],
    },
    {
      name: 'a user who can become break-glass may too, through the path',
      users: [user('dev')],
      roles: [
        role('break-glass', {
          inlinePolicies: [keys],
          trustPolicy: trustPolicy({ AWS: [iamResource('user/dev')] }),
        }),
      ],
      invariant: keysOnlyBreakGlass,
      expected: [
        'Invariant keys-break-glass (only role/break-glass may iam:CreateAccessKey): user dev may iam:CreateAccessKey on * through user dev -> role break-glass (assume-role-trusted-by-arn).',
      ],
    },
  ])('$name', ({ users = [], roles, invariant, expected }) => {
    const findings = runRule(accessInvariantViolated, accountWith({ users, roles }), {
      invariants: [invariant],
    });
    expect(findings.map((f) => f.message)).toEqual(expected);
    for (const finding of findings) expect(finding.discriminator).toBe(invariant.id);
  });

  test('no invariants, no findings', () => {
    expect(
      runRule(
        accessInvariantViolated,
        accountWith({ roles: [role('ci-admin', { attachedPolicies: [ADMINISTRATOR_ACCESS] })] }),
      ),
    ).toEqual([]);
  });
});

describe('invariants in .iamspect.yml', () => {
  afterAll(removeTempDirs);

  test('a typo in an invariant is one line naming the field', () => {
    expect(() =>
      parseConfig('invariants:\n  - id: x\n    principals: role/*\n    nevr: admin\n', '.iamspect.yml'),
    ).toThrow(/^\.iamspect\.yml: invariants\[0\]/);
    expect(() =>
      parseConfig('invariants:\n  - id: Bad Id\n    principals: role/*\n    never: admin\n', '.iamspect.yml'),
    ).toThrow(/invariants\[0\]/);
  });

  test('audit checks the top-level invariants and fails on a violation', async () => {
    const snapshot = accountWith({ roles: [role('ci-admin', { attachedPolicies: [ADMINISTRATOR_ACCESS] })] });
    const dir = tempDirWith({
      'snap.json': JSON.stringify(snapshot),
      '.iamspect.yml': 'invariants:\n  - id: ci-never-admin\n    principals: role/ci-*\n    never: admin\n',
    });
    const { code, stdout } = await runCli([
      'audit',
      '--snapshot',
      join(dir, 'snap.json'),
      '--config',
      join(dir, '.iamspect.yml'),
      '--rules',
      'access-invariant-violated',
      '--format',
      'json',
    ]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { findings: Array<{ ruleId: string; resource: string }> };
    expect(report.findings.map((f) => [f.ruleId, f.resource])).toEqual([
      ['access-invariant-violated', iamResource('role/ci-admin')],
    ]);
  });
});
