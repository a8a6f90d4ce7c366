// virtualMfaDevices: the assigned virtual MFA devices. Root's appears with User.Arn `...:root`,
// which is how root-hardware-mfa tells a virtual root device from a hardware one (hardware
// devices never appear here).
import { z } from 'zod';
import { allPages, MAX_ITEMS, pageProgress } from '../collect/collector.js';
import { pagesOf, parseCliJson } from '../snapshot/aws-cli-file.js';
import { awsTimestampSchema, validatePages } from '../snapshot/input-validation.js';
import { isoDate } from '../snapshot/schema-parts.js';
import type { TimeInside } from '../snapshot/times-inside.js';
import { defineSection } from './section.js';

export const virtualMfaDeviceSchema = z.object({
  serialNumber: z.string(),
  /** ARN of the user (or `arn:...:root`) the device is assigned to; null when unassigned. */
  userArn: z.string().nullable(),
  userName: z.string().nullable(),
  enableDate: isoDate.nullable(),
});
export type VirtualMfaDevice = z.infer<typeof virtualMfaDeviceSchema>;

// The seed and QR code fields (Base32StringSeed, QRCodePNG) are deliberately not read: they are
// MFA secrets, present only if someone asked for them, and must never be copied into a snapshot.
const virtualMfaPage = z.object({
  VirtualMFADevices: z.array(
    z.object({
      SerialNumber: z.string(),
      // Root's device has User.Arn `arn:...:root` and no UserName.
      User: z.object({ Arn: z.string(), UserName: z.string().optional() }).optional(),
      EnableDate: awsTimestampSchema.optional(),
    }),
  ),
});

/** ListVirtualMFADevices pages -> devices; `User` absent means the device is unassigned. */
export function normalizeVirtualMfaDevices(pages: readonly unknown[], source: string): VirtualMfaDevice[] {
  return validatePages(virtualMfaPage, pages, source).flatMap((page) =>
    page.VirtualMFADevices.map((device) => ({
      serialNumber: device.SerialNumber,
      userArn: device.User?.Arn ?? null,
      userName: device.User?.UserName ?? null,
      enableDate: device.EnableDate ?? null,
    })),
  );
}

function virtualMfaDeviceTimes(devices: VirtualMfaDevice[]): TimeInside[] {
  return devices.map((device) => ({ what: `EnableDate of ${device.serialNumber}`, time: device.enableDate }));
}

export const virtualMfaDevicesSection = defineSection({
  name: 'virtualMfaDevices',
  data: z.array(virtualMfaDeviceSchema),
  reads: ['iam:ListVirtualMFADevices'],
  async collect(context) {
    const { ListVirtualMFADevicesCommand } = await import('@aws-sdk/client-iam');
    const pages = await allPages(
      (Marker) =>
        context.clients.iam.send(
          new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned', MaxItems: MAX_ITEMS, Marker }),
        ),
      pageProgress(context, 'virtualMfaDevices'),
    );
    return normalizeVirtualMfaDevices(pages, 'iam:ListVirtualMFADevices response');
  },
  awsCli: {
    kind: 'file',
    files: [
      {
        name: 'list-virtual-mfa-devices.json',
        shape: { required: { VirtualMFADevices: 'list' }, more: 'Marker' },
      },
    ],
    howToSave: 'aws iam list-virtual-mfa-devices > list-virtual-mfa-devices.json',
    action: 'iam:ListVirtualMFADevices',
    read: (file) => normalizeVirtualMfaDevices(pagesOf(parseCliJson(file)), file.path),
    timesInside: virtualMfaDeviceTimes,
  },
});
