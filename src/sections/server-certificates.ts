// serverCertificates: IAM server certificates with their expiration dates.
import { ListServerCertificatesCommand } from '@aws-sdk/client-iam';
import { normalizeServerCertificates } from '../snapshot/iam-outputs.js';
import type { SectionCollector } from '../collect/collector.js';
import { allPages, MAX_ITEMS, pageProgress } from '../collect/collector.js';

export const serverCertificatesCollector: SectionCollector<'serverCertificates'> = {
  section: 'serverCertificates',
  async collect(context) {
    const pages = await allPages(
      (Marker) =>
        context.clients.iam.send(new ListServerCertificatesCommand({ MaxItems: MAX_ITEMS, Marker })),
      pageProgress(context, 'serverCertificates'),
    );
    return normalizeServerCertificates(pages, 'iam:ListServerCertificates response');
  },
};
