import { rootHardwareMfa } from '../../../src/rules/root/root-hardware-mfa.js';
import type { AccountSummary, VirtualMfaDevice } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import { ACCOUNT, emptySnapshot, virtualMfaDevice, withSection } from '../../builders/snapshot.js';

const ROOT_ARN = `arn:aws:iam::${ACCOUNT}:root`;
const ALICE_ARN = `arn:aws:iam::${ACCOUNT}:user/alice`;

function snapshotOf(summary: AccountSummary, devices: VirtualMfaDevice[]) {
  return withSection(withSection(emptySnapshot(), 'accountSummary', summary), 'virtualMfaDevices', devices);
}

describe('root-hardware-mfa', () => {
  test.each<{
    name: string;
    summary: AccountSummary;
    devices: VirtualMfaDevice[];
    expected: Array<{ serialNumber: string; matchedBy: string }>;
  }>([
    {
      name: 'MFA on and no virtual device for root: hardware',
      summary: { AccountMFAEnabled: 1 },
      devices: [virtualMfaDevice('alice', ALICE_ARN)],
      expected: [],
    },
    {
      name: 'root owns the classic root-account-mfa-device',
      summary: { AccountMFAEnabled: 1 },
      devices: [virtualMfaDevice('root-account-mfa-device', ROOT_ARN)],
      expected: [
        { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`, matchedBy: 'owner ARN' },
      ],
    },
    {
      name: 'root owns a virtual device with any other name',
      summary: { AccountMFAEnabled: 1 },
      devices: [virtualMfaDevice('ops-phone', ROOT_ARN), virtualMfaDevice('alice', ALICE_ARN)],
      expected: [{ serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/ops-phone`, matchedBy: 'owner ARN' }],
    },
    {
      name: 'an IAM user owns a device named root-account-mfa-device: not root',
      summary: { AccountMFAEnabled: 1 },
      devices: [virtualMfaDevice('root-account-mfa-device', ALICE_ARN)],
      expected: [],
    },
    {
      name: 'legacy serial name with the owner missing counts as root',
      summary: { AccountMFAEnabled: 1 },
      devices: [virtualMfaDevice('root-account-mfa-device', null)],
      expected: [
        {
          serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`,
          matchedBy: 'legacy serial name',
        },
      ],
    },
    {
      name: 'an unassigned device with another name is nobody’s',
      summary: { AccountMFAEnabled: 1 },
      devices: [virtualMfaDevice('spare', null)],
      expected: [],
    },
    {
      name: 'root without any MFA is left to root-mfa',
      summary: { AccountMFAEnabled: 0 },
      devices: [virtualMfaDevice('root-account-mfa-device', ROOT_ARN)],
      expected: [],
    },
  ])('$name', ({ summary, devices, expected }) => {
    const findings = runRule(rootHardwareMfa, snapshotOf(summary, devices));
    if (expected.length === 0) {
      expect(findings).toEqual([]);
      return;
    }
    expect(findings).toHaveLength(1);
    expect(findings[0]!.resource).toBe(ROOT_ARN);
    expect(findings[0]!.message).toBe(
      `Root user MFA is virtual: ${expected.map((d) => d.serialNumber).join(', ')}.`,
    );
    expect(findings[0]!.evidence).toEqual({ devices: expected });
  });

  test('two root virtual devices are listed in one finding', () => {
    const findings = runRule(
      rootHardwareMfa,
      snapshotOf({ AccountMFAEnabled: 1 }, [
        virtualMfaDevice('a', ROOT_ARN),
        virtualMfaDevice('b', ROOT_ARN),
      ]),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain(`mfa/a, arn:aws:iam::${ACCOUNT}:mfa/b`);
  });

  test('a summary without AccountMFAEnabled makes the rule error, not pass', () => {
    expect(() => runRule(rootHardwareMfa, snapshotOf({}, []))).toThrow(/AccountMFAEnabled/);
  });
});
