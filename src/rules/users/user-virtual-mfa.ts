import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { iamUserRows } from '../shared/credential-report.js';
import { defineRule } from '../types.js';

export const userVirtualMfa = defineRule({
  id: 'user-virtual-mfa',
  title: 'IAM users use hardware or FIDO MFA rather than virtual MFA',
  severity: 'info',
  enabledByDefault: false,
  needs: ['credentialReport', 'virtualMfaDevices'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'A virtual MFA app gives one-time codes that a convincing phishing page can relay, and its secret ' +
      'sits on a phone that is backed up and shared with every other app. A FIDO security key or passkey ' +
      'is bound to the real sign-in page and cannot be phished that way. This is a hardening suggestion, ' +
      'off by default.\n\n' +
      'iamspect reports each IAM user owning an assigned virtual device in ListVirtualMFADevices. It does ' +
      "not list each user's other devices, so a user who also registered a FIDO key is reported too; " +
      'suppress such users by ARN.',
    remediation:
      'Register a FIDO security key or passkey for the user (IAM allows up to eight MFA devices per user), ' +
      'then deactivate and delete the virtual device.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_fido.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html',
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListVirtualMFADevices.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot }) => {
    const devicesByOwner = new Map<string, string[]>();
    for (const device of sectionData(snapshot, 'virtualMfaDevices')) {
      if (device.userArn === null) continue;
      devicesByOwner.set(device.userArn, [
        ...(devicesByOwner.get(device.userArn) ?? []),
        device.serialNumber,
      ]);
    }
    return iamUserRows(sectionData(snapshot, 'credentialReport')).flatMap((row) => {
      const devices = devicesByOwner.get(row.arn);
      if (!devices) return [];
      return [
        {
          resource: row.arn,
          message: `${row.user} uses virtual MFA: ${devices.join(', ')}.`,
          evidence: { virtualDevices: devices },
        },
      ];
    });
  },
});
