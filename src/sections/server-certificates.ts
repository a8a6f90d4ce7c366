// serverCertificates: IAM server certificates with their expiration dates.
import { z } from 'zod';
import { allPages, MAX_ITEMS, pageProgress } from '../collect/collector.js';
import { pagesOf, parseCliJson } from '../snapshot/aws-cli-file.js';
import { awsTimestampSchema, validatePages } from '../snapshot/input-validation.js';
import { isoDate } from '../snapshot/schema-parts.js';
import type { TimeInside } from '../snapshot/times-inside.js';
import { defineSection } from './section.js';

export const serverCertificateSchema = z.object({
  name: z.string(),
  id: z.string(),
  arn: z.string(),
  path: z.string(),
  uploadDate: isoDate.nullable(),
  expiration: isoDate.nullable(),
});
export type ServerCertificate = z.infer<typeof serverCertificateSchema>;

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

/** Expiration is left out: a time in the future of the data says nothing about when it was saved. */
function serverCertificateTimes(certificates: ServerCertificate[]): TimeInside[] {
  return certificates.map((certificate) => ({
    what: `UploadDate of certificate ${certificate.name}`,
    time: certificate.uploadDate,
  }));
}

export const serverCertificatesSection = defineSection({
  name: 'serverCertificates',
  data: z.array(serverCertificateSchema),
  reads: ['iam:ListServerCertificates'],
  async collect(context) {
    const { ListServerCertificatesCommand } = await import('@aws-sdk/client-iam');
    const pages = await allPages(
      (Marker) =>
        context.clients.iam.send(new ListServerCertificatesCommand({ MaxItems: MAX_ITEMS, Marker })),
      pageProgress(context, 'serverCertificates'),
    );
    return normalizeServerCertificates(pages, 'iam:ListServerCertificates response');
  },
  awsCli: {
    kind: 'file',
    files: [
      {
        name: 'list-server-certificates.json',
        shape: { required: { ServerCertificateMetadataList: 'list' }, more: 'Marker' },
      },
    ],
    howToSave: 'aws iam list-server-certificates > list-server-certificates.json',
    action: 'iam:ListServerCertificates',
    read: (file) => normalizeServerCertificates(pagesOf(parseCliJson(file)), file.path),
    timesInside: serverCertificateTimes,
  },
});
