import { userVirtualMfa } from '../../../src/rules/users/user-virtual-mfa.js';
import type { VirtualMfaDevice } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import {
  ACCOUNT,
  credentialReportSnapshot,
  rootRow,
  userRow,
  virtualMfaDevice,
  withSection,
} from '../../builders/snapshot.js';

const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;

describe('user-virtual-mfa', () => {
  test('is off by default', () => {
    expect(userVirtualMfa.enabledByDefault).toBe(false);
  });

  test.each<{ name: string; devices: VirtualMfaDevice[]; message: string | null }>([
    {
      name: 'alice has a virtual device',
      devices: [virtualMfaDevice('alice-phone', ALICE)],
      message: `alice uses virtual MFA: arn:aws:iam::${ACCOUNT}:mfa/alice-phone.`,
    },
    {
      name: 'alice has two virtual devices',
      devices: [virtualMfaDevice('a1', ALICE), virtualMfaDevice('a2', ALICE)],
      message: `alice uses virtual MFA: arn:aws:iam::${ACCOUNT}:mfa/a1, arn:aws:iam::${ACCOUNT}:mfa/a2.`,
    },
    { name: 'no virtual device: hardware or FIDO', devices: [], message: null },
    {
      name: 'an unassigned device belongs to nobody',
      devices: [virtualMfaDevice('spare', null)],
      message: null,
    },
    {
      name: 'root’s virtual device is for root-hardware-mfa',
      devices: [virtualMfaDevice('root', ROOT)],
      message: null,
    },
  ])('$name', ({ devices, message }) => {
    const snapshot = withSection(
      credentialReportSnapshot([rootRow(), userRow('alice', { passwordEnabled: true, mfaActive: true })]),
      'virtualMfaDevices',
      devices,
    );
    const findings = runRule(userVirtualMfa, snapshot);
    expect(findings.map((f) => [f.resource, f.message])).toEqual(message === null ? [] : [[ALICE, message]]);
  });
});
