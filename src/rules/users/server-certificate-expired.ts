import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { dayAndAge } from '../shared/days.js';
import { cis, defineRule } from '../types.js';

export const serverCertificateExpired = defineRule({
  id: 'server-certificate-expired',
  title: 'No expired server certificates are stored in IAM',
  severity: 'medium',
  needs: ['serverCertificates'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'An expired certificate serves nobody, but it can still be attached to a load balancer or ' +
      'CloudFront by mistake, breaking TLS for its users, and it clutters the inventory that tells which ' +
      'certificates are live. IAM never removes them on its own. A certificate is expired once the ' +
      'snapshot is later than its expiration time (the expiration instant itself is still valid).',
    remediation:
      'Check that nothing references the certificate, then delete it (`aws iam delete-server-certificate ' +
      '--server-certificate-name NAME`). Prefer AWS Certificate Manager, which renews certificates itself.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html',
    ],
  },
  frameworks: {
    ...cis({ v3: '1.19', v4: '1.19', v5: '1.18', v6: '2.18', v7: '2.17' }),
    'aws-security-hub': ['IAM.26'],
  },
  check: ({ snapshot, now }) =>
    sectionData(snapshot, 'serverCertificates').flatMap((certificate) => {
      if (!certificate.expiration || Date.parse(certificate.expiration) >= now.getTime()) return [];
      return [
        {
          resource: certificate.arn,
          message: `Server certificate ${certificate.name} expired on ${dayAndAge(certificate.expiration, now)}.`,
          evidence: { expiration: certificate.expiration },
        },
      ];
    }),
});
