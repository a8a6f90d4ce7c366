// The times saved AWS CLI outputs hold about the past: when IAM generated the credential report,
// when things were created, last used, changed. The data was saved after every one of them, so
// the newest is the best stand-in for "when this data was true" that the files themselves give;
// a file's modification time is when it was last copied (a fresh clone says "today").
// Times in the future of the data (password_next_rotation, a certificate's Expiration) are left
// out on purpose: they say nothing about when it was saved.
import type {
  AuthorizationDetails,
  ConfigDeliveryRegion,
  ConfigRegion,
  CredentialReport,
  ServerCertificate,
  VirtualMfaDevice,
} from './schema.js';

/** One time found in a file, and what it is, for telling the user which time the audit took. */
export interface TimeInside {
  /** e.g. `password_last_used of alice`. */
  what: string;
  /** ISO timestamp, or null when the field holds none. */
  time: string | null;
}

export function credentialReportTimes(report: CredentialReport): TimeInside[] {
  return [
    { what: 'GeneratedTime', time: report.generatedTime },
    ...report.rows.flatMap((row) =>
      [
        { what: 'user_creation_time', time: row.userCreationTime },
        { what: 'password_last_used', time: row.passwordLastUsed },
        { what: 'password_last_changed', time: row.passwordLastChanged },
        ...row.accessKeys.flatMap((key, index) => [
          { what: `access_key_${index + 1}_last_rotated`, time: key.lastRotated },
          { what: `access_key_${index + 1}_last_used_date`, time: key.lastUsedDate },
        ]),
        ...row.certs.map((cert, index) => ({
          what: `cert_${index + 1}_last_rotated`,
          time: cert.lastRotated,
        })),
      ].map(({ what, time }) => ({ what: `${what} of ${row.user}`, time })),
    ),
  ];
}

export function authorizationDetailsTimes(details: AuthorizationDetails): TimeInside[] {
  return [
    ...details.users.map((user) => ({ what: `CreateDate of user ${user.name}`, time: user.createDate })),
    ...details.groups.map((group) => ({ what: `CreateDate of group ${group.name}`, time: group.createDate })),
    ...details.roles.flatMap((role) => [
      { what: `CreateDate of role ${role.name}`, time: role.createDate },
      { what: `RoleLastUsed.LastUsedDate of role ${role.name}`, time: role.lastUsed?.date ?? null },
    ]),
    ...details.policies.flatMap((policy) => [
      { what: `CreateDate of policy ${policy.name}`, time: policy.createDate },
      { what: `UpdateDate of policy ${policy.name}`, time: policy.updateDate },
      ...policy.versions.map((version) => ({
        what: `CreateDate of policy ${policy.name} version ${version.versionId}`,
        time: version.createDate,
      })),
    ]),
  ];
}

export function virtualMfaDeviceTimes(devices: VirtualMfaDevice[]): TimeInside[] {
  return devices.map((device) => ({ what: `EnableDate of ${device.serialNumber}`, time: device.enableDate }));
}

export function serverCertificateTimes(certificates: ServerCertificate[]): TimeInside[] {
  return certificates.map((certificate) => ({
    what: `UploadDate of certificate ${certificate.name}`,
    time: certificate.uploadDate,
  }));
}

/** `file` is the region's describe-configuration-recorder-status output. */
export function configRegionTimes(region: ConfigRegion, file: string): TimeInside[] {
  return [
    ...region.statuses.map((status) => ({
      what: `lastStatusChangeTime of recorder ${status.name} in ${file}`,
      time: status.lastStatusChangeTime,
    })),
  ];
}

/** `file` is the region's describe-delivery-channel-status output. */
export function deliveryChannelTimes(region: ConfigDeliveryRegion, file: string): TimeInside[] {
  return region.deliveryChannels.map((channel) => ({
    what: `lastAttemptTime of channel ${channel.name} in ${file}`,
    time: channel.lastAttemptTime,
  }));
}

/** The newest of `times`, or undefined when none holds a time. */
export function newestTime(times: readonly TimeInside[]): { what: string; time: string } | undefined {
  let newest: { what: string; time: string } | undefined;
  for (const { what, time } of times) {
    if (time !== null && (newest === undefined || Date.parse(time) > Date.parse(newest.time)))
      newest = { what, time };
  }
  return newest;
}
