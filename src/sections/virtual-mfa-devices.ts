// virtualMfaDevices: the assigned virtual MFA devices. Root's appears with User.Arn `...:root`,
// which is how root-hardware-mfa tells a virtual root device from a hardware one (hardware
// devices never appear here).
import { ListVirtualMFADevicesCommand } from '@aws-sdk/client-iam';
import { normalizeVirtualMfaDevices } from '../snapshot/iam-outputs.js';
import type { SectionCollector } from '../collect/collector.js';
import { allPages, MAX_ITEMS, pageProgress } from '../collect/collector.js';

export const virtualMfaDevicesCollector: SectionCollector<'virtualMfaDevices'> = {
  section: 'virtualMfaDevices',
  async collect(context) {
    const pages = await allPages(
      (Marker) =>
        context.clients.iam.send(
          new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned', MaxItems: MAX_ITEMS, Marker }),
        ),
      pageProgress(context, 'virtualMfaDevices'),
    );
    return normalizeVirtualMfaDevices(pages, 'iam:ListVirtualMFADevices response');
  },
};
