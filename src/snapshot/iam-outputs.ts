// The smaller IAM outputs (account summary, password policy, virtual MFA devices, server
// certificates) into snapshot data. Like normalizeAuthorizationDetails they take plain values,
// so SDK v3 outputs (Date objects) and AWS CLI JSON (ISO strings) go through the same code.
import { z } from 'zod';
import type { AccountSummary, PasswordPolicy, ServerCertificate, VirtualMfaDevice } from './schema.js';
import { accountSummarySchema, passwordPolicySchema } from './schema.js';
import { awsTimestampSchema, validateInput, validatePages } from './input-validation.js';

/** GetAccountSummary output -> its SummaryMap (every key kept: a key missing means unknown). */
export function normalizeAccountSummary(output: unknown, source: string): AccountSummary {
  return validateInput(z.object({ SummaryMap: accountSummarySchema }), output, source).SummaryMap;
}

/** GetAccountPasswordPolicy output -> the policy. "No policy" (NoSuchEntity) is the caller's null. */
export function normalizePasswordPolicy(output: unknown, source: string): PasswordPolicy {
  return validateInput(z.object({ PasswordPolicy: passwordPolicySchema }), output, source).PasswordPolicy;
}

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

const serverCertificatePage = z.object({
  ServerCertificateMetadataList: z.array(
    z.object({
      ServerCertificateName: z.string(),
      ServerCertificateId: z.string(),
      Arn: z.string(),
      Path: z.string().optional(),
      UploadDate: awsTimestampSchema.optional(),
      Expiration: awsTimestampSchema.optional(),
    }),
  ),
});

/** ListServerCertificates pages -> certificates. */
export function normalizeServerCertificates(pages: readonly unknown[], source: string): ServerCertificate[] {
  return validatePages(serverCertificatePage, pages, source).flatMap((page) =>
    page.ServerCertificateMetadataList.map((certificate) => ({
      name: certificate.ServerCertificateName,
      id: certificate.ServerCertificateId,
      arn: certificate.Arn,
      path: certificate.Path ?? '/',
      uploadDate: certificate.UploadDate ?? null,
      expiration: certificate.Expiration ?? null,
    })),
  );
}
