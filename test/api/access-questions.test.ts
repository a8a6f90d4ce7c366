// The access graph's questions as the public API gives them to rule authors: `can` and `paths`
// answer from the snapshot alone, ARNs and action names in and plain data out, on the account
// `iamspect can` and `iamspect paths` are tested with (test/commands/graph-commands.test.ts).
import { describe, expect, test } from '@jest/globals';
import { can, paths } from '../../src/api/index.js';
import { escalationChainAccount, iamResource } from '../builders/policies.js';

const snapshot = escalationChainAccount();

describe('can', () => {
  test.each([
    ['user/dev', 's3:GetObject', 'arn:aws:s3:::data/x', 'allowed'],
    ['user/dev', 's3:GetObject', 'arn:aws:s3:::other/x', 'denied'],
    ['user/office', 'iam:CreateAccessKey', iamResource('user/boss'), 'conditional'],
    ['user/office', 'iam:CreateAccessKey', iamResource('user/dev'), 'denied'],
    ['role/c', 'iam:CreateUser', '*', 'allowed'],
  ])('%s %s on %s: %s', (principal, action, resource, decision) => {
    expect(can(snapshot, iamResource(principal), action, resource)).toBe(decision);
  });

  test('the resource defaults to *', () => {
    expect(can(snapshot, iamResource('role/c'), 'iam:CreateUser')).toBe('allowed');
  });

  test('a principal not in the snapshot, or an unknown action, is an error (a rule error, never a pass)', () => {
    expect(() => can(snapshot, iamResource('user/nobody'), 's3:GetObject')).toThrow(
      `no user or role ${iamResource('user/nobody')} in the snapshot`,
    );
    expect(() => can(snapshot, iamResource('user/dev'), 's3:Teleport')).toThrow(
      'unknown action s3:Teleport (not in the AWS action catalogue)',
    );
  });
});

describe('paths', () => {
  const step = (from: string, to: string) => ({
    from: iamResource(from),
    to: iamResource(to),
    method: 'assume-role-trusted-by-arn',
    conditional: false,
  });

  test('to admin: each step names both principals and how', () => {
    expect(paths(snapshot, iamResource('user/dev'), 'admin')).toEqual([
      {
        from: iamResource('user/dev'),
        to: iamResource('role/c'),
        admin: true,
        conditional: false,
        steps: [step('user/dev', 'role/a'), step('role/a', 'role/b'), step('role/b', 'role/c')],
      },
    ]);
  });

  test('to one principal, and by default to every principal with more permissions', () => {
    expect(paths(snapshot, iamResource('user/dev'), iamResource('role/b'))).toEqual([
      expect.objectContaining({
        to: iamResource('role/b'),
        steps: [step('user/dev', 'role/a'), step('role/a', 'role/b')],
      }),
    ]);
    // Roles a and b have no policy: they can do nothing dev cannot, so only c is more.
    expect(paths(snapshot, iamResource('user/dev')).map((path) => path.to)).toEqual([iamResource('role/c')]);
    expect(paths(snapshot, iamResource('role/a'), iamResource('user/dev'))).toEqual([]);
  });
});
