import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import type { VirtualMfaDevice } from '../../snapshot/schema.js';
import { requiredSummaryFlag } from '../shared/root-credentials.js';
import { cis, defineRule } from '../types.js';

/** The serial old tools matched on; since multi-MFA, root's virtual devices can have any name. */
const LEGACY_ROOT_SERIAL_SUFFIX = ':mfa/root-account-mfa-device';

interface RootVirtualDevice {
  serialNumber: string;
  matchedBy: 'owner ARN' | 'legacy serial name';
}

/**
 * Root's virtual devices. The owner's ARN is the real test. The legacy serial name counts only when
 * the owner is missing: an IAM user can name a device `root-account-mfa-device` too, and that
 * device is the user's, never root's.
 */
function rootVirtualDevices(devices: readonly VirtualMfaDevice[]): RootVirtualDevice[] {
  return devices.flatMap((device): RootVirtualDevice[] => {
    if (device.userArn?.endsWith(':root'))
      return [{ serialNumber: device.serialNumber, matchedBy: 'owner ARN' }];
    if (device.userArn === null && device.serialNumber.endsWith(LEGACY_ROOT_SERIAL_SUFFIX)) {
      return [{ serialNumber: device.serialNumber, matchedBy: 'legacy serial name' }];
    }
    return [];
  });
}

export const rootHardwareMfa = defineRule({
  id: 'root-hardware-mfa',
  title: 'The root user MFA is a hardware device, not a virtual one',
  severity: 'high',
  needs: ['accountSummary', 'virtualMfaDevices'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'A virtual MFA app lives on a phone that is also used for mail, chat and browsing, gets backed up ' +
      'to the cloud and leaves with whoever carries it. A hardware TOTP token or FIDO security key kept ' +
      'in a safe is a second factor nobody holds by accident, which is what the most powerful identity ' +
      'in the account needs.\n\n' +
      'Root has MFA when the account summary says `AccountMFAEnabled = 1`. It is virtual when ' +
      'ListVirtualMFADevices has an assigned device whose owner ARN ends in `:root`, whatever the ' +
      "device's name; hardware devices never appear in that list. For collectors that lost the owner, a " +
      'device without owner whose serial ends in `:mfa/root-account-mfa-device` also counts (the ' +
      'evidence says so). Root without any MFA is reported by `root-mfa`, not here.',
    remediation:
      'Sign in as root, register a FIDO security key or hardware TOTP token under **Security ' +
      'credentials** (register two, kept in different safe places), then remove the virtual device.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_fido.html',
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListVirtualMFADevices.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html',
    ],
  },
  frameworks: {
    ...cis({ v3: '1.6', v4: '1.6', v5: '1.5', v6: '2.5', v7: '2.6' }),
    'aws-security-hub': ['IAM.6'],
  },
  check: ({ snapshot }) => {
    const summary = sectionData(snapshot, 'accountSummary');
    if (!requiredSummaryFlag(summary, 'AccountMFAEnabled', 'to tell whether root has MFA')) return [];
    const devices = rootVirtualDevices(sectionData(snapshot, 'virtualMfaDevices'));
    if (devices.length === 0) return [];
    return [
      {
        resource: accountArn(snapshot),
        message: `Root user MFA is virtual: ${devices.map((d) => d.serialNumber).join(', ')}.`,
        evidence: { devices },
      },
    ];
  },
});
